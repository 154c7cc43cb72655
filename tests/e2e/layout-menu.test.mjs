// Behaviour: on a phone the navigation folds behind the header's menu button, which a keyboard
// can use: it says whether the menu is open (aria-expanded), opens the list of screens, a chosen
// screen or Escape folds it again (Escape returns the focus to the button). On a laptop the
// navigation is always shown and there is no menu button.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

appTest("the navigation folds into a keyboard-usable menu on a phone", async (session) => {
  const { page } = session;
  await page.setViewportSize({ width: 390, height: 844 });
  const app = await Sloy.open(session, "#/method");
  const button = app.by("menu-button");
  const nav = page.locator("nav.app-nav");
  const dashboard = app.by("nav-dashboard");

  await app.guard(button.waitFor({ state: "visible" }));
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  assert.equal(await button.getAttribute("aria-controls"), await nav.getAttribute("id"));
  assert.equal(await dashboard.isVisible(), false, "the navigation is folded");

  // Open with the keyboard, go to a screen with the keyboard: the menu folds.
  await button.focus();
  await page.keyboard.press("Enter");
  await app.eventually(async () => assert.equal(await button.getAttribute("aria-expanded"), "true"));
  await app.guard(dashboard.waitFor({ state: "visible" }));
  await app.guard(app.by("export").waitFor({ state: "visible" })); // import/export join the menu
  await dashboard.focus();
  await page.keyboard.press("Enter");
  await app.guard(app.by("dash-page").waitFor({ state: "visible" }));
  await app.eventually(async () => assert.equal(await button.getAttribute("aria-expanded"), "false"));
  assert.equal(await dashboard.isVisible(), false, "a chosen screen folds the menu");

  // Escape folds it and gives the focus back to the button.
  await button.click();
  await app.guard(app.by("nav-l2").waitFor({ state: "visible" }));
  await app.by("nav-l2").focus();
  await page.keyboard.press("Escape");
  await app.eventually(async () => assert.equal(await button.getAttribute("aria-expanded"), "false"));
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "menu-button");

  // A laptop shows the navigation beside the screen, with no menu button.
  await page.setViewportSize({ width: 1366, height: 900 });
  await app.guard(dashboard.waitFor({ state: "visible" }));
  assert.equal(await button.isVisible(), false);
});
