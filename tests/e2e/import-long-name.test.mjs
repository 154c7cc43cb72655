// Behaviour: a project file whose name is 2 MB opens the import dialog at once, with the name
// shortened for display and the cut reported; the dialog's buttons stay in reach and the
// project is imported with its name cut to the 200-character limit.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy } from "./lib/app.mjs";

appTest("a 2 MB project name: the dialog stays responsive, the text is bounded", async (session) => {
  const app = await Sloy.open(session, "#/projects");
  await app.expectCurrentProject(DEMO_NAME);
  const json = (await app.exportCurrent()).json;
  json.data.name = "Ж".repeat(2 * 1024 * 1024);
  await app.chooseFile({ name: "huge-name.sloy.json", text: JSON.stringify(json) });

  const dialog = await app.importDialog();
  const summary = await app.expectText(dialog.getByTestId("import-summary"), "ЖЖЖ");
  assert.ok(summary.length < 300, `the summary shows a bounded name (${summary.length} chars)`);
  assert.ok(summary.includes("…"), "the shortened name ends with «…»");
  await app.expectText(dialog.getByTestId("import-flags"), /Проект, поле «Наименование»: текст длиной 2\s097\s152 знаков обрезан до 200/);
  const shown = await dialog.evaluate((d) => d.textContent.length);
  assert.ok(shown < 2_000, `the dialog renders ${shown} characters`);

  // The page answers at once, and the button is in reach.
  const started = Date.now();
  await app.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  assert.ok(Date.now() - started < 2_000, "a frame is drawn within 2 s");
  await app.click(app.by("import-as-new"));
  await app.guard(app.by("import-dialog").waitFor({ state: "detached", timeout: 10_000 }));
  await app.expectCurrentProject("Ж".repeat(200));
});
