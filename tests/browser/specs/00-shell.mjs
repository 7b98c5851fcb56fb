// The shell every page shares: designed 404, the language switch (remembered
// across reloads), keyboard skip link, and the search page's weight budget.

import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { DESKTOP, PHONE } from "../lib.mjs";

export default async function shell(session) {
  const page = await session.page(PHONE);

  await session.open(page, "/no-such-page");
  assert.match(await page.locator("main h1").innerText(), /Không có trang này/);
  assert.equal(await page.locator("html").getAttribute("lang"), "vi");
  await session.screenshot(page, "not-found");

  await page.getByRole("button", { name: "English" }).click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.match(await page.locator("main h1").innerText(), /There is no such page/);
  await page.reload();
  await session.settled(page);
  assert.match(await page.locator("main h1").innerText(), /There is no such page/, "language survives a reload");
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await page.waitForFunction(() => document.documentElement.lang === "vi");

  // On a fresh load the first Tab reaches the skip link, which moves focus to the content.
  await page.reload();
  await session.settled(page);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");

  // Budget: the search page's JS+CSS under 100 KB compressed (gzip -9 of what it loads).
  const budgetPage = await session.page(DESKTOP);
  const assets = [];
  budgetPage.on("response", async (response) => {
    const type = response.request().resourceType();
    if (type === "script" || type === "stylesheet") assets.push(response);
  });
  await session.open(budgetPage, "/");
  await budgetPage.waitForLoadState("networkidle");
  let compressed = 0;
  for (const response of assets) compressed += gzipSync(await response.body(), { level: 9 }).length;
  console.log(`search page: ${assets.length} JS/CSS files, ${(compressed / 1024).toFixed(1)} KB gzip`);
  assert.ok(assets.length > 0, "the search page loads its scripts");
  assert.ok(compressed < 100 * 1024, `search page JS+CSS is ${compressed} bytes gzip, over the 100 KB budget`);
}
