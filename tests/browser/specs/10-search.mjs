// Search: with and without diacritics, suggestions chosen by keyboard, a facet
// filter that narrows results and survives a reload, paging, the empty state.

import assert from "node:assert/strict";
import { DESKTOP, PHONE } from "../lib.mjs";

const count = async (page) => Number((await page.locator(".result-count").innerText()).replace(/\D/g, ""));

export default async function search(session) {
  const page = await session.page(PHONE);
  await session.open(page, "/");
  assert.match(await page.locator("main h1").innerText(), /Tìm nông sản/);
  await session.screenshot(page, "home");

  // With diacritics: the Quyết Thắng honey is found, its words marked.
  const box = page.getByRole("combobox", { name: /Tìm kiếm/ });
  await box.fill("mật ong");
  await box.press("Enter");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "mật ong");
  // The home page lists everything; the searched list is the one whose matches are marked.
  await page.locator(".results mark").first().waitFor();
  assert.match(await page.locator(".results").innerText(), /Mật ong Tuyên Hóa/);
  const withMarks = await count(page);
  assert.ok(withMarks > 0);
  await session.screenshot(page, "results");

  // Without diacritics: the same honey.
  await session.open(page, "/?q=mat+ong");
  await page.locator(".results .card").first().waitFor();
  assert.match(await page.locator(".results").innerText(), /Mật ong Tuyên Hóa/);

  // Suggestions as you type; ↓ then Enter opens the first one.
  await session.open(page, "/");
  await page.getByRole("combobox", { name: /Tìm kiếm/ }).pressSequentially("mat o", { delay: 30 });
  await page.getByRole("listbox").waitFor();
  const options = page.getByRole("option");
  assert.ok((await options.count()) > 0, "suggestions appear");
  await session.screenshot(page, "suggestions");
  await page.getByRole("combobox", { name: /Tìm kiếm/ }).press("ArrowDown");
  assert.equal(await page.getByRole("option").first().getAttribute("aria-selected"), "true");
  assert.ok(await page.getByRole("combobox", { name: /Tìm kiếm/ }).getAttribute("aria-activedescendant"));
  await page.getByRole("combobox", { name: /Tìm kiếm/ }).press("Escape");
  assert.equal(await page.getByRole("listbox").isHidden(), true, "Escape closes the list");
  await page.getByRole("combobox", { name: /Tìm kiếm/ }).press("ArrowDown"); // closed: nothing happens
  await page.getByRole("combobox", { name: /Tìm kiếm/ }).pressSequentially("n", { delay: 30 });
  await page.getByRole("listbox").waitFor();
  await page.getByRole("combobox", { name: /Tìm kiếm/ }).press("ArrowDown");
  await page.getByRole("combobox", { name: /Tìm kiếm/ }).press("Enter");
  await page.waitForFunction(() => /^\/(products|producers|labels|fairs)\//.test(location.pathname));
  await page.waitForFunction(() => /Mật ong/i.test(document.querySelector("main h1")?.innerText || ""));
  await session.settled(page);

  // A facet filter narrows the results and survives reload, back restores the wider list.
  const desk = await session.page(DESKTOP);
  await session.open(desk, "/?q=mat+ong");
  await desk.locator(".results .card").first().waitFor();
  const before = await count(desk);
  await desk.getByLabel(/Tỉnh, thành phố/).selectOption("44");
  await desk.waitForFunction(() => new URL(location.href).searchParams.get("province") === "44");
  await desk.waitForFunction((n) => Number(document.querySelector(".result-count").innerText.replace(/\D/g, "")) < n, before);
  const narrowed = await count(desk);
  assert.ok(narrowed > 0 && narrowed < before, `province filter narrows ${before} → ${narrowed}`);
  await session.screenshot(desk, "filtered");
  await desk.reload();
  await session.settled(desk);
  await desk.locator(".results .card").first().waitFor();
  assert.equal(await count(desk), narrowed, "the filter survives a reload");
  assert.equal(await desk.getByLabel(/Tỉnh, thành phố/).inputValue(), "44");
  await desk.goBack();
  await session.settled(desk);
  await desk.waitForFunction(() => !new URL(location.href).searchParams.get("province"));
  await desk.waitForFunction((n) => Number(document.querySelector(".result-count")?.innerText.replace(/\D/g, "")) === n, before);

  // Kind tab: cooperatives only.
  await desk.getByRole("link", { name: /^Hợp tác xã/ }).first().click();
  await desk.waitForFunction(() => new URL(location.href).searchParams.get("kind") === "PRODUCER");
  await desk.waitForFunction(() => document.querySelectorAll(".results .card").length > 0 && ![...document.querySelectorAll(".results .card a")].some((a) => !a.pathname.startsWith("/producers/")));

  // Paging over everything (browse), with the page in the URL.
  await session.open(desk, "/");
  await desk.getByRole("link", { name: /Trang sau/ }).click();
  await desk.waitForFunction(() => new URL(location.href).searchParams.get("page") === "2");
  await session.settled(desk);
  // Page 1's cards stay on screen (aria-busy) until page 2 arrives; only page 2 has a
  // "previous" link, so wait for it before reading the first card.
  await desk.getByRole("link", { name: /Trang trước/ }).waitFor();
  await desk.locator(".results .card").first().waitFor();
  const firstOfPage2 = await desk.locator(".results .card h3").first().innerText();
  await desk.reload();
  await session.settled(desk);
  assert.equal(await desk.locator(".results .card h3").first().innerText(), firstOfPage2, "page 2 survives a reload");
  await desk.getByRole("link", { name: /Trang trước/ }).click();
  await desk.waitForFunction(() => !new URL(location.href).searchParams.get("page"));

  // In English, labels and counts follow.
  await session.open(desk, "/?q=mat+ong");
  await desk.getByRole("button", { name: "English" }).click();
  await desk.waitForFunction(() => /Find farm products/.test(document.querySelector("main h1")?.innerText || ""));
  await desk.locator(".results .card").first().waitFor();
  assert.match(await desk.locator(".result-count").innerText(), /results for “mat ong”/);
  assert.ok(await desk.getByRole("link", { name: /^Products/ }).count());
  await session.screenshot(desk, "english");
  await desk.getByRole("button", { name: "Tiếng Việt" }).click();
  await desk.waitForFunction(() => document.documentElement.lang === "vi");

  // Empty state with hints.
  await session.open(page, "/?q=xyzzy+qwerty+khong+co");
  assert.match(await page.locator(".state-empty").innerText(), /Không có kết quả/);
  await session.screenshot(page, "empty");
  await session.screenshotBoth("/?q=m%E1%BA%ADt+ong&scheme=VIET_GAP", "search-filtered");
}
