// Behaviour: dropping a project file anywhere on the page opens the import dialog, exactly like
// choosing it in the file picker; dragging a file over the page shows the drop hint.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy } from "./lib/app.mjs";

appTest("dropping a project file on the page opens the import dialog", async (session) => {
  const app = await Sloy.open(session, "#/method");
  await app.expectCurrentProject(DEMO_NAME);
  const exported = await app.exportCurrent();
  const file = { name: "dropped.sloy.json", text: exported.text };

  // Dragging over the page: the app accepts the drop and shows its hint.
  const over = await app.guard(
    app.page.evaluate(({ name, text }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: "application/json" }));
      const event = new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer: transfer });
      document.body.dispatchEvent(event);
      return event.defaultPrevented;
    }, file),
  );
  assert.equal(over, true, "dragover with files is accepted (preventDefault)");
  await app.expectText(app.page.locator(".drop-overlay"), "Отпустите файл проекта");

  // Dropping it: the hint goes, the dialog opens with the file's summary.
  await app.dropFile(file);
  const dialog = await app.importDialog();
  await app.expectText(dialog, file.name);
  await app.expectText(app.by("import-summary"), DEMO_NAME);
  await app.expectCount(app.page.locator(".drop-overlay"), 0);

  await app.click(app.by("import-as-new"));
  await app.guard(dialog.waitFor({ state: "detached" }));
  await app.route("#/projects");
  await app.expectProjectNames([DEMO_NAME, DEMO_NAME]);
  const copy = await app.exportCurrent();
  assert.notEqual(copy.json.data.id, exported.json.data.id);
  assert.equal(copy.json.data.deals.length, exported.json.data.deals.length);
});
