// The organizer dashboard draws its three KPI charts as inline SVG with a
// title and a data table each, for a provincial organizer and for an admin
// (every province's linkage share); the year picker keeps the year in the URL.

import assert from "node:assert/strict";
import { DESKTOP, PHONE } from "../lib.mjs";

export default async function organizerDashboard(session) {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await session.page(viewport);
    await session.signIn(page, "hoinongdan.quangtri@example.vn");
    assert.equal(new URL(page.url()).pathname, "/organizer");
    await page.locator("figure.chart").first().waitFor();
    const charts = page.locator("figure.chart");
    assert.equal(await charts.count(), 3);
    const svgs = page.locator("figure.chart svg[role=img]");
    assert.ok((await svgs.count()) >= 2, "charts are drawn");
    for (const svg of await svgs.all()) assert.ok((await svg.locator("title").textContent()).length > 0);
    assert.ok((await page.locator("figure.chart table").count()) === 3, "each chart has a data table");
    assert.match(await page.locator("main").innerText(), /Quảng Trị/);
    assert.match(await page.locator("main").innerText(), /Mục tiêu 50%/);
    await session.screenshot(page, "organizer");

    const year = new Date().getFullYear() - 1;
    await page.getByLabel("Năm", { exact: true }).selectOption(String(year));
    await page.waitForURL(new RegExp(`year=${year}`));
    await page.locator("figcaption", { hasText: String(year) }).first().waitFor();
    await session.settled(page);
  }

  const admin = await session.page(DESKTOP);
  await session.signIn(admin, "admin@example.vn");
  await session.open(admin, "/organizer");
  await admin.locator("figure.chart").first().waitFor();
  assert.equal(await admin.locator("figure.chart").count(), 3);
  await session.screenshot(admin, "organizer-admin");
  // In English too (numbers and chart titles follow the language).
  await admin.getByRole("button", { name: "English" }).click();
  await admin.locator("main h1", { hasText: "Dashboard" }).waitFor();
  await admin.locator("figcaption", { hasText: "Share of cooperatives with a linkage agreement" }).waitFor();
  await session.screenshot(admin, "organizer-admin-en");
  await admin.getByRole("button", { name: "Tiếng Việt" }).click();
  await admin.locator("main h1", { hasText: "Bảng điều khiển" }).waitFor();

  // Buyers are told the page is not for them.
  const buyer = await session.page(PHONE);
  await session.signIn(buyer, "thumua.vidu@example.vn");
  await session.open(buyer, "/organizer");
  await buyer.locator("main h1", { hasText: "Bảng điều khiển" }).waitFor();
  assert.match(await buyer.locator("main").innerText(), /dành cho cán bộ tổ chức/);
}
