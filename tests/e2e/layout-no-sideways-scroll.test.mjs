// Behaviour: every screen and tab of the demo project fits the width of a 390 px phone and of a
// 1366 px laptop: the page never scrolls sideways (wide tables scroll inside their own box), and
// the header is whole — the language switch in view, the project name shown (shortened with «…»
// if need be), nothing in the header pushed out of it.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";
import { everyPlace } from "./lib/routes.mjs";

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1366, height: 900 },
];

/** What the page and its header look like at the current size (run in the page). */
function measure() {
  const inView = (el) => {
    if (!el) return false;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth + 0.5 && style.visibility !== "hidden";
  };
  const header = document.querySelector("header.app-header");
  const project = document.querySelector("[data-testid=current-project]");
  return {
    pageWidth: document.scrollingElement.scrollWidth,
    viewport: innerWidth,
    langInView: inView(document.querySelector("[data-testid=lang-switch]")),
    projectWidth: project ? project.getBoundingClientRect().width : 0,
    headerOverflow: header ? header.scrollWidth - header.clientWidth : -1,
  };
}

appTest(
  "no screen scrolls sideways at 390 and 1366 px, and the header stays whole",
  async (session) => {
    const places = everyPlace();
    assert.ok(places.length >= 30, `every place of src/domain/route.rs: ${places.length}`);
    const app = await Sloy.open(session, "#/method");
    await app.waitForShell();

    // Every screen and tab the app links to from its navigation and tab bars is in the list.
    for (const place of places) {
      await app.route(place);
      const links = await session.page.evaluate(() =>
        [...document.querySelectorAll(".app-nav a[href^='#/'], .tabs a[href^='#/']")].map((a) => a.getAttribute("href")),
      );
      const missing = links.filter((href) => !places.includes(href) && !places.includes(href.replace(/\/$/, "")));
      const defaults = missing.filter((href) => !places.some((p) => p.startsWith(`${href}/`)));
      assert.deepEqual(defaults, [], `links on ${place} to places the spec does not walk`);
    }

    const problems = [];
    for (const size of VIEWPORTS) {
      await session.page.setViewportSize(size);
      for (const place of places) {
        await app.route(place);
        const m = await session.page.evaluate(measure);
        const at = `${size.width} px ${place}`;
        if (m.pageWidth > m.viewport) problems.push(`${at}: the page is ${m.pageWidth} px wide (scrolls sideways)`);
        if (!m.langInView) problems.push(`${at}: the language switch is not in view`);
        if (m.projectWidth < 24) problems.push(`${at}: the project name is ${m.projectWidth} px wide`);
        if (m.headerOverflow > 0) problems.push(`${at}: the header's content is ${m.headerOverflow} px wider than it`);
      }
    }
    assert.deepEqual(problems, [], `screens that do not fit:\n  ${problems.join("\n  ")}`);
  },
  { timeout: 300_000 },
);
