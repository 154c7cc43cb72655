// Behaviour: every screen and tab of the demo project fits the width of a 390 px phone and of a
// 1366 px laptop: the page never scrolls sideways (wide tables scroll inside their own box), and
// the header is whole — the language switch in view, the project name shown (shortened with «…»
// if need be), nothing in the header pushed out of it; a screen's tab bar is one row (on a phone it
// scrolls sideways inside itself) with the open tab in view.

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
  const tabs = document.querySelector("main nav.tabs");
  return {
    pageWidth: document.scrollingElement.scrollWidth,
    viewport: innerWidth,
    langInView: inView(document.querySelector("[data-testid=lang-switch]")),
    projectWidth: project ? project.getBoundingClientRect().width : 0,
    headerOverflow: header ? header.scrollWidth - header.clientWidth : -1,
    // The tab bar is one row (it scrolls sideways in itself on a phone), the open tab in its view.
    tabRows: tabs ? new Set([...tabs.querySelectorAll(".tab")].map((t) => Math.round(t.getBoundingClientRect().top))).size : 0,
    activeTab: (() => {
      const a = tabs?.querySelector(".tab.active");
      if (!a) return null;
      const bar = tabs.getBoundingClientRect();
      const r = a.getBoundingClientRect();
      return r.left >= bar.left - 1 && r.right <= bar.right + 1;
    })(),
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

    // A deal's screens (its editor, ТЭО, КП) hold wide tables and forms the screens without one do not.
    await app.route("#/l4/deal");
    const d01 = await app
      .by("l4-deal-picker")
      .locator("option")
      .evaluateAll((os) => os.find((o) => o.textContent.startsWith("D01"))?.value);
    assert.ok(d01, "D01 is in the deal list");
    const withDeal = [`#/l4/deal?deal=${d01}`, `#/l4/teo?deal=${d01}`, `#/l4/docs?deal=${d01}&doc=kp`, `#/l2/deals?deal=${d01}`];

    const problems = [];
    for (const size of VIEWPORTS) {
      await session.page.setViewportSize(size);
      for (const place of [...places, ...withDeal]) {
        await app.route(place);
        const m = await session.page.evaluate(measure);
        const at = `${size.width} px ${place}`;
        if (m.pageWidth > m.viewport) problems.push(`${at}: the page is ${m.pageWidth} px wide (scrolls sideways)`);
        if (!m.langInView) problems.push(`${at}: the language switch is not in view`);
        if (m.projectWidth < 24) problems.push(`${at}: the project name is ${m.projectWidth} px wide`);
        if (m.headerOverflow > 0) problems.push(`${at}: the header's content is ${m.headerOverflow} px wider than it`);
        if (m.tabRows > 1) problems.push(`${at}: the tab bar wraps into ${m.tabRows} rows`);
        if (m.activeTab === false) problems.push(`${at}: the open tab is scrolled out of its bar`);
      }
    }
    assert.deepEqual(problems, [], `screens that do not fit:\n  ${problems.join("\n  ")}`);
  },
  { timeout: 300_000 },
);
