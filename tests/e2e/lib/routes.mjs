// Every place of the app — each screen with each of its tabs — read from the app's own list in
// src/domain/route.rs (the `tabs!` blocks and the screens without tabs), so a spec that walks
// every screen cannot miss a tab added later.

import { readFileSync } from "node:fs";

const ROUTE_RS = new URL("../../../src/domain/route.rs", import.meta.url);

/** The hash of every place, in the order of the navigation: `#/method`, `#/l1/clients`, … */
export function everyPlace() {
  const src = readFileSync(ROUTE_RS, "utf8");
  const tabs = new Map();
  for (const [, screen, body] of src.matchAll(/tabs!\s*\{[^{}]*?\b\w+Tab,\s*(\w+)\s*\{([^}]*)\}/g)) {
    tabs.set(screen, [...body.matchAll(/=>\s*"([^"]*)"/g)].map((m) => m[1]));
  }
  const screens = src.match(/pub const ALL: \[Screen; \d+\] = \[([^\]]*)\]/);
  if (!screens || tabs.size === 0) throw new Error("cannot read the screens and tabs of src/domain/route.rs");
  const hashes = [];
  const slugs = new Map([...src.matchAll(/Screen::(\w+) => "([a-z0-9]+)"/g)].map((m) => [m[1], m[2]]));
  for (const [, screen] of screens[1].matchAll(/Screen::(\w+)/g)) {
    const slug = slugs.get(screen);
    if (!slug) throw new Error(`no slug for Screen::${screen} in src/domain/route.rs`);
    const own = tabs.get(screen);
    if (!own) hashes.push(`#/${slug}`);
    else for (const tab of own) hashes.push(tab ? `#/${slug}/${tab}` : `#/${slug}`);
  }
  return hashes;
}
