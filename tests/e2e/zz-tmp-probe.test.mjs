import { appTest } from "./lib/harness.mjs";
import { Sloy } from "./lib/app.mjs";
appTest("probe", async (session) => {
  const app = await Sloy.open(session, "#/method");
  await app.by("method-page").waitFor();
  await app.page.evaluate(() => (document.querySelector("[data-testid=method-page]").__mark = 1));
  await app.click(app.by("override-3"));
  await app.by("override-reason-3").waitFor();
  console.log("textarea visible before save:", await app.by("override-reason-3").count());
  await app.click(app.by("override-save-3"));
  await new Promise(r => setTimeout(r, 1000));
  console.log("textarea after empty save:", await app.by("override-reason-3").count(), "alerts:", await app.by("layer-3").getByRole("alert").count());
  console.log("same page node:", await app.page.evaluate(() => document.querySelector("[data-testid=method-page]").__mark));
  await app.page.evaluate(() => (document.querySelector("[data-testid=method-page]").__mark = 1));
  await app.by("tick-l1.segments").click();
  await new Promise(r => setTimeout(r, 1000));
  console.log("same page node after tick:", await app.page.evaluate(() => document.querySelector("[data-testid=method-page]").__mark));
});
