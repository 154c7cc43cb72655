// Behaviour: the КП of deal D01 for its ЛФР is filled from the data (client, needs, price);
// it downloads as a standalone HTML file without scripts; text typed into a deal that looks
// like markup (`<script>`) appears as text in the document and in the file.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

const plain = (s) => (s ?? "").replace(/&nbsp;|[\u00a0\u202f]/g, " ").replace(/\s+/g, " ").trim();

appTest("layer 4 documents: КП of D01, HTML export, user text stays text", async (session, t) => {
  const app = await Sloy.open(session, "#/l4/docs");
  const picker = app.by("l4-deal-picker");
  await app.guard(picker.waitFor({ state: "visible" }));
  const d01 = await picker.locator("option").evaluateAll(
    (os) => os.find((o) => o.textContent.startsWith("D01"))?.value,
  );
  assert.ok(d01, "D01 is in the deal list");
  await app.guard(picker.selectOption(d01));
  const doc = app.by("l4-doc");

  await t.test("the КП names the client, the ЛФР, the needs and the price", async () => {
    await app.expectText(doc, "КОММЕРЧЕСКОЕ ПРЕДЛОЖЕНИЕ");
    const text = plain(await doc.textContent());
    assert.ok(text.includes("ГОК «Малахит»"), "client");
    assert.ok(text.includes("Снизить затраты на электроэнергию насосных"), "need 1");
    assert.ok(text.includes("Сократить отказы уплотнений и утечки"), "need 2");
    assert.ok(text.includes("58 000"), "price");
    assert.ok(text.includes("Насосная станция оборотного водоснабжения"), "subject");
    assert.ok(!/\{[a-z_]+\}/.test(text), `no unfilled placeholder: ${text.match(/\{[a-z_]+\}/)}`);
  });

  await t.test("export downloads an HTML file with the same data and no script", async () => {
    const file = await app.download(app.by("l4-export"));
    assert.match(file.fileName, /\.html$/);
    const html = plain(file.text);
    assert.ok(html.includes("ГОК «Малахит»"));
    assert.ok(html.includes("Снизить затраты на электроэнергию насосных"));
    assert.ok(html.includes("58 000"));
    assert.ok(!/<script/i.test(file.text), "no <script> in the exported file");
  });

  await t.test("the ТЭО for the ЛПР shows the §5.2 figures", async () => {
    await app.click(app.by("l4-doc-teo"));
    await app.expectText(doc, "ТЕХНИКО-ЭКОНОМИЧЕСКОЕ ОБОСНОВАНИЕ");
    const text = plain(await doc.textContent());
    assert.ok(text.includes("2,98") && text.includes("+8 071"), text.slice(0, 400));
  });

  await t.test("a deal text containing <script> shows as text", async () => {
    await app.route(`#/l4/deal?deal=${d01}`);
    const need = app.by("l4-deal-need-text").first();
    await app.guard(need.waitFor({ state: "visible" }));
    await app.guard(need.fill("<script>window.hacked=1</script> Утечки"));
    await app.guard(need.press("Tab"));
    await app.route(`#/l4/docs?deal=${d01}&doc=kp`);
    await app.expectText(doc, "<script>window.hacked=1</script> Утечки");
    assert.equal(await doc.locator("script").count(), 0);
    assert.equal(await app.page.evaluate(() => window.hacked), undefined);
    const file = await app.download(app.by("l4-export"));
    assert.ok(!/<script/i.test(file.text), "the text is escaped in the file");
    assert.ok(file.text.includes("&lt;script&gt;window.hacked=1&lt;/script&gt; Утечки"));
  });
});
