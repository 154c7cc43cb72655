// Behaviour: the КП of deal D01 for its ЛФР is filled from the data (client, needs, price);
// it downloads as a standalone HTML file without scripts; text typed into a deal that looks
// like markup (`<script>`) appears as text in the document and in the file; the specification
// lines and the VAT rate are edited under the КП and its totals follow.

import assert from "node:assert/strict";
import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";

const plain = (s) => (s ?? "").replace(/&nbsp;|[\u00a0\u202f]/g, " ").replace(/\s+/g, " ").trim();

appTest("layer 4 documents: КП of D01, HTML export, user text stays text", async (session, t) => {
  const app = await Sloy.open(session, "#/l4/docs");
  // Layer 4 is locked in the demo (layer 3 is not done): the consultant starts it early.
  await app.openEarly(4);
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

  await t.test("a spec line and VAT 20 % give the totals in the КП", async () => {
    const spec = app.by("l4-spec");
    await app.guard(spec.waitFor({ state: "visible" }));
    assert.equal(await app.by("l4-spec-vat").inputValue(), "20");
    await app.click(app.by("l4-spec-add"));
    const line = app.by("l4-spec-line-1");
    await app.guard(line.waitFor({ state: "visible" }));
    await app.guard(line.getByTestId("l4-spec-name").fill("Шеф-монтаж и пусконаладка"));
    await app.guard(line.getByTestId("l4-spec-name").press("Tab"));
    // A bad quantity is refused with a message; nothing changes.
    await app.guard(line.getByTestId("l4-spec-qty").fill("много"));
    await app.guard(line.getByTestId("l4-spec-qty").press("Tab"));
    await app.expectText(line, "«много» — не число");
    await app.guard(line.getByTestId("l4-spec-qty").fill("2,5"));
    await app.guard(line.getByTestId("l4-spec-qty").press("Tab"));
    await app.guard(line.getByTestId("l4-spec-price").fill("1 200"));
    await app.guard(line.getByTestId("l4-spec-price").press("Tab"));
    await app.eventually(async () => assert.equal(plain(await line.getByTestId("l4-spec-amount").textContent()), "3 000"));
    assert.equal(await line.locator(".error-text").count(), 0);
    // 58 000 + 2,5 × 1 200 = 61 000 with VAT; VAT 20 % inside = 10 166,67; net 50 833,33.
    await app.eventually(async () => assert.equal(plain(await app.by("l4-spec-gross").textContent()), "61 000 тыс. ₽"));
    assert.equal(plain(await app.by("l4-spec-vat-total").textContent()), "10 166,67 тыс. ₽");
    assert.equal(plain(await app.by("l4-spec-net").textContent()), "50 833,33 тыс. ₽");
    await app.eventually(async () => {
      const text = plain(await doc.textContent());
      assert.ok(text.includes("Шеф-монтаж и пусконаладка"), text);
      // The document states whole roubles: 61 000 тыс. ₽ = 61 000 000 ₽, VAT 10 166 666,67 → 10 166 667 ₽.
      assert.ok(text.includes("Итого: 61 000 000 ₽"), text);
      assert.ok(text.includes("В т.ч. НДС: 10 166 667 ₽ (20 %)"), text);
      assert.ok(text.includes("Итого без НДС: 50 833 333 ₽"), text);
    });
    const row = plain(await doc.locator("tr", { hasText: "Шеф-монтаж" }).innerText());
    assert.equal(row, "Шеф-монтаж и пусконаладка 2,50 1 200 000 3 000 000");
    // A VAT rate out of range is refused; 10 % recomputes.
    await app.guard(app.by("l4-spec-vat").fill("120"));
    await app.guard(app.by("l4-spec-vat").press("Tab"));
    await app.expectText(app.by("l4-spec-vat-error"), "от 0 до 100");
    await app.guard(app.by("l4-spec-vat").fill("10"));
    await app.guard(app.by("l4-spec-vat").press("Tab"));
    await app.eventually(async () => assert.equal(plain(await app.by("l4-spec-vat-total").textContent()), "5 545,45 тыс. ₽"));
    await app.eventually(async () => assert.ok(plain(await doc.textContent()).includes("В т.ч. НДС: 5 545 455 ₽ (10 %)")));
    // Removing the line asks first.
    app.page.once("dialog", (d) => d.accept());
    await app.click(line.getByTestId("l4-spec-remove"));
    await app.eventually(async () => assert.equal(await app.by("l4-spec-line-1").count(), 0));
    await app.eventually(async () => assert.equal(plain(await app.by("l4-spec-gross").textContent()), "58 000 тыс. ₽"));
    await app.guard(app.by("l4-spec-vat").fill("20"));
    await app.guard(app.by("l4-spec-vat").press("Tab"));
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
