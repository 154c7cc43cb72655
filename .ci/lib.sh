# Shared by .ci/setup, .ci/serve, .ci/test and .ci/bench: paths, versions, messages.
# Source it; it changes to the repository root.

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT=$PWD

TRUNK_VERSION=0.21.14
# wasm_split_cli_support (binary wasm-split-cli), which splits the wasm (.ci/split.mjs).
WASM_SPLIT_VERSION=0.2.4
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock, or the build refuses to run.
WASM_BINDGEN_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/^version = "|"$/, ""); print; exit }' Cargo.lock)
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export SLOY_CHROMIUM=${SLOY_CHROMIUM:-/usr/bin/chromium}
export PATH="$HOME/.cargo/bin:$REPO_ROOT/node_modules/.bin:$PATH"

if [ -t 1 ]; then BOLD=$'\033[1m' RED=$'\033[1;31m' PLAIN=$'\033[0m'; else BOLD='' RED='' PLAIN=''; fi
say() { printf '%s[%s]%s %s\n' "$BOLD" "${SLOY_STEP:-sloy}" "$PLAIN" "$*"; }
die() { printf '%s[%s] FAILED:%s %s\n' "$RED" "${SLOY_STEP:-sloy}" "$PLAIN" "$*" >&2; exit 1; }

# `as_root apt-get …`: root runs it directly, others through sudo when there is one.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run: $*"
  fi
}
