// Behaviour: a file that is not a good Sloy project is refused with a Russian message saying
// what is wrong and where (the record by its code and name, the field by its human name),
// and nothing changes: no dialog, the same projects. A file whose
// texts contain HTML or script is imported, shown as plain text and never run.

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { appTest } from "./lib/harness.mjs";
import { DEMO_NAME, Sloy, exactly } from "./lib/app.mjs";

appTest("bad files are refused with a message and change nothing", async (session, t) => {
  const app = await Sloy.open(session, "#/projects");
  await app.expectCurrentProject(DEMO_NAME);
  await app.expectProjectNames([DEMO_NAME]);
  const good = (await app.exportCurrent()).json;
  const keysBefore = await app.storageKeys();

  /** Imports `file`, expects a toast about it matching each of `patterns`, and no change. */
  const refused = async (file, ...patterns) => {
    await app.chooseFile(file);
    const name = typeof file === "string" ? path.basename(file) : file.name;
    const toast = app.toast(`«${name}»`);
    await app.expectText(toast, "не импортирован");
    for (const pattern of patterns) await app.expectText(toast, pattern);
    const text = await toast.first().textContent();
    assert.match(text, /[а-яё]{4,}/i, "the message is in Russian");
    assert.equal(await app.by("import-dialog").count(), 0, "no import dialog");
    await app.expectProjectNames([DEMO_NAME]);
    assert.deepEqual(await app.storageKeys(), keysBefore, "storage unchanged");
    await app.expectCurrentProject(DEMO_NAME);
    await app.closeToasts();
    await app.expectCount(app.toast(), 0);
  };

  /** The good export with `edit` applied to a copy, as a file. */
  const edited = (name, edit) => {
    const json = structuredClone(good);
    edit(json);
    return { name, text: JSON.stringify(json, null, 2) };
  };

  await t.test("not JSON: the syntax error's line", () =>
    refused(
      { name: "broken.json", text: '{\n  "format": "sloy-project",\n  "schema_version": 1,\n  data: {}\n}\n' },
      "Это не JSON",
      /строке 4\b/,
    ),
  );

  await t.test("JSON of another program", () =>
    refused(
      { name: "crm-export.json", text: JSON.stringify({ contacts: [{ name: "Иванов" }], total: 1 }) },
      "другой программы",
    ),
  );

  await t.test("a newer schema version", () =>
    refused(
      edited("future.sloy.json", (j) => (j.schema_version = 99)),
      "Обновите приложение",
      "v99",
    ),
  );

  await t.test("a wrong type names the record and the field", () =>
    refused(
      edited("wrong-type.sloy.json", (j) => (j.data.deals[3].amount = "много")),
      `Сделка ${good.data.deals[3].code}`,
      "поле «Сумма»",
      "«много»",
    ),
  );

  await t.test("a missing required field", () =>
    refused(
      edited("no-name.sloy.json", (j) => delete j.data.clients[0].name),
      "нет обязательного поля «Наименование»",
      `Клиент ${good.data.clients[0].code}`,
    ),
  );

  await t.test("duplicate ids", () =>
    refused(
      edited("dup-id.sloy.json", (j) => (j.data.clients[5].id = j.data.clients[2].id)),
      "Повторяющийся идентификатор",
      good.data.clients[2].id,
    ),
  );

  await t.test("a broken reference", () => {
    const ghost = randomUUID();
    return refused(
      edited("ghost-client.sloy.json", (j) => (j.data.deals[2].client_id = ghost)),
      "ссылается на клиента",
      `Сделка ${good.data.deals[2].code}`,
      "поле «Клиент»",
      ghost,
    );
  });

  await t.test("a 50 MB file", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sloy-big-"));
    try {
      const file = path.join(dir, "huge.sloy.json");
      const filler = "x".repeat(50 * 1024 * 1024);
      await writeFile(file, `{"format":"sloy-project","schema_version":1,"data":"${filler}"}`);
      await refused(file, "слишком большой");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  await t.test("5000-deep nested arrays", () =>
    refused({ name: "deep.json", text: "[".repeat(5000) + "]".repeat(5000) }, "вложенность"),
  );

  await t.test("HTML and script in texts are shown literally, never run", async () => {
    const projectName = '<img src=x onerror="window.__pwned=1">';
    const clientName = "<script>window.__pwned=2</script>";
    const file = edited("markup.sloy.json", (j) => {
      j.data.name = projectName;
      j.data.clients[0].name = clientName;
    });
    await app.importAsNew(file);
    await app.expectCurrentProject(projectName);
    await app.expectProjectNames([DEMO_NAME, projectName]);
    await app.route("#/data");
    await app.expectText(app.by("clients-table").locator("td").filter({ hasText: exactly(clientName) }), clientName);
    await app.expectText(app.by("deals-table"), clientName); // deals show their client's name
    assert.equal(await app.by("project-name").inputValue(), projectName);
    const dom = await app.page.evaluate(() => ({
      pwned: window.__pwned,
      imgs: document.querySelectorAll('img[src="x"]').length,
      scripts: [...document.querySelectorAll("script")].filter((s) => s.textContent.includes("__pwned"))
        .length,
    }));
    assert.deepEqual(dom, { pwned: undefined, imgs: 0, scripts: 0 });
    // And after a reload, from storage.
    await app.reload();
    await app.expectCurrentProject(projectName);
    await app.route("#/projects");
    await app.expectProjectNames([DEMO_NAME, projectName]);
    assert.equal(await app.page.evaluate(() => window.__pwned), undefined);
  });
});
