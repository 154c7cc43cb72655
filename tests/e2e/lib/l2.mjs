// Helpers of the layer-2 specs (funnel screen).

import assert from "node:assert/strict";

/** Text of `locator` with every kind of space folded to one plain space. */
export async function plain(locator) {
  return ((await locator.first().innerText({ timeout: 2_000 })) ?? "").replace(/\s+/g, " ").trim();
}

/** Waits until `locator`'s text (spaces folded) contains `expected` or matches it. */
export async function expectPlain(app, locator, expected) {
  return app.eventually(async () => {
    const text = await plain(locator);
    if (expected instanceof RegExp) assert.match(text, expected);
    else assert.ok(text.includes(expected), `expected ${JSON.stringify(text)} to contain ${JSON.stringify(expected)}`);
    return text;
  });
}

/** Selects the option of `select` whose label starts with `prefix`. */
export async function selectByPrefix(app, select, prefix) {
  const value = await app.guard(
    select.evaluate((el, p) => {
      const o = [...el.options].find((o) => o.textContent.trim().startsWith(p));
      return o ? o.value : null;
    }, prefix),
  );
  assert.ok(value !== null, `no option starting with ${prefix}`);
  await app.guard(select.selectOption(value));
}

/** Types `value` into an input and commits it (change on blur). */
export async function commit(app, input, value) {
  await app.guard(input.fill(value));
  await app.guard(input.blur());
}

/** Reached counts of the funnel table for `codes`. */
export async function reached(app, codes) {
  const out = [];
  for (const c of codes) out.push(Number(await plain(app.by(`reached-${c}`))));
  return out;
}
