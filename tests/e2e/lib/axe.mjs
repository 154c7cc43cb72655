// axe-core in the page: injected through the DevTools protocol (Runtime.evaluate), which the
// app's Content-Security-Policy does not govern, so the policy stays exactly as shipped.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFile(require.resolve("axe-core/axe.min.js"), "utf8");

/** Impacts that fail a screen. */
export const BLOCKING = new Set(["serious", "critical"]);

/**
 * Rules of a lesser impact that fail a screen too: a heading that skips a level and a table
 * header without text leave a screen-reader user lost in the long tables of the method.
 */
export const ALSO_BLOCKING = new Set(["heading-order", "empty-table-header", "landmark-unique", "region"]);

/**
 * Runs axe-core over the whole document of `page` and returns its violations of impact
 * serious or critical, each as `{id, impact, help, nodes: [{target, html, summary}]}`.
 * @param {import("playwright-core").Page} page
 */
export async function axeViolations(page) {
  const injected = await page.evaluate(() => typeof window.axe === "object");
  if (!injected) await page.evaluate(await AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      resultTypes: ["violations"],
      // The screens' own content; a11y of the browser's UI is not ours.
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        impact: n.impact,
        target: n.target.join(" "),
        html: n.html.slice(0, 200),
        summary: n.failureSummary,
      })),
    }));
  });
  return violations
    .map((v) => ({
      ...v,
      nodes: v.nodes.filter((n) => process.env.SLOY_AXE_ALL || ALSO_BLOCKING.has(v.id) || BLOCKING.has(n.impact ?? v.impact)),
    }))
    .filter((v) => v.nodes.length > 0);
}

/** A readable report of `violations` found on `where`. */
export function describeViolations(where, violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 4)
        .map((n) => `      ${n.target}\n        ${n.html}\n        ${(n.summary ?? "").split("\n").join(" ")}`)
        .join("\n");
      const more = v.nodes.length > 4 ? `\n      … and ${v.nodes.length - 4} more` : "";
      return `  ${where}: ${v.id} (${v.impact}, ${v.nodes.length} nodes) — ${v.help}\n${nodes}${more}`;
    })
    .join("\n");
}
