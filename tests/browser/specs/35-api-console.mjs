// The API console (/api) replaces GraphiQL from a CDN: GET /graphql leads
// here, it runs `{ __typename }` against our server and links to the SDL.

import assert from "node:assert/strict";
import { DESKTOP, PHONE } from "../lib.mjs";

export default async function apiConsole(session) {
  const page = await session.page(DESKTOP);
  await page.goto(`${session.baseUrl}/graphql`);
  await session.settled(page);
  assert.equal(new URL(page.url()).pathname, "/api", "GET /graphql redirects to the console");
  assert.match(await page.locator("main h1").innerText(), /API GraphQL/);
  await page.getByLabel("Truy vấn").fill("{ __typename }");
  await page.getByRole("button", { name: "Chạy" }).click();
  await page.waitForFunction(() => document.querySelector("pre.result")?.textContent.includes("__typename"));
  assert.deepEqual(JSON.parse(await page.locator("pre.result").textContent()), { data: { __typename: "Query" } });
  assert.match(await page.getByRole("status").innerText(), /HTTP 200/);

  // An example with variables.
  await page.getByLabel("Ví dụ").selectOption("SearchSuggestions");
  await page.getByRole("button", { name: "Chạy" }).click();
  await page.waitForFunction(() => document.querySelector("pre.result")?.textContent.includes("searchSuggestions"));
  await session.screenshot(page, "console");

  // Ctrl+Enter runs from the editor.
  await page.getByLabel("Truy vấn").fill("{ searchStatus { engine } }");
  await page.getByLabel("Biến (JSON)").fill("");
  await page.getByLabel("Truy vấn").press("Control+Enter");
  await page.waitForFunction(() => document.querySelector("pre.result")?.textContent.includes("engine"));

  // Bad variables are caught before sending.
  await page.getByLabel("Biến (JSON)").fill("{ nope");
  await page.getByRole("button", { name: "Chạy" }).click();
  assert.match(await page.getByRole("status").innerText(), /không phải JSON/);

  const sdl = await page.request.get(`${session.baseUrl}/schema.graphql`);
  assert.equal(sdl.status(), 200);
  assert.match(await sdl.text(), /type Query \{/);
  assert.equal(await page.getByRole("link", { name: /Lược đồ/ }).getAttribute("href"), "/schema.graphql");

  const phone = await session.page(PHONE);
  await session.open(phone, "/api");
  await session.screenshot(phone, "console");
}
