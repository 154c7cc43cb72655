//! Links the app's wasm binary with `--emit-relocs`: `.ci/split.mjs` (run by Trunk's post-build
//! hook) needs the linker's relocations to split the module at the `#[lazy]` screens of
//! src/app.rs into parts loaded on demand; the split drops them again. Only the binary: the
//! wasm-bindgen tests and the native builds link as before.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
