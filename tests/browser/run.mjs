// Runs every journey in specs/ (file-name order) against a running coopbridge
// server, in Debian's chromium driven by playwright-core.
//
//   COOPBRIDGE_URL=http://127.0.0.1:PORT node tests/browser/run.mjs [name-filter]
//
// Environment: COOPBRIDGE_URL (required), COOPBRIDGE_SCREENSHOT_DIR (default
// ./screenshots), CHROMIUM_PATH (default /usr/bin/chromium).
// Every page must load without console errors and without a single request
// leaving the server: the checks run for every spec. Exits non-zero on failure.

import { readdir } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { Session } from "./lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const baseUrl = process.env.COOPBRIDGE_URL?.replace(/\/$/, "");
if (!baseUrl) {
  console.error("COOPBRIDGE_URL is not set");
  process.exit(2);
}
const screenshotDir = process.env.COOPBRIDGE_SCREENSHOT_DIR || path.join(here, "screenshots");
mkdirSync(screenshotDir, { recursive: true });
const filter = process.argv[2] || "";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

const specs = (await readdir(path.join(here, "specs"))).filter((f) => f.endsWith(".mjs") && f.includes(filter)).sort();
let failed = 0;
for (const file of specs) {
  const spec = await import(path.join(here, "specs", file));
  const session = new Session(browser, baseUrl, screenshotDir, file.replace(/\.mjs$/, ""));
  const started = Date.now();
  try {
    await spec.default(session);
    await session.finish();
    console.log(`ok   ${file} (${Date.now() - started} ms)`);
  } catch (error) {
    failed += 1;
    console.error(`FAIL ${file}: ${error.stack || error}`);
    await session.failureScreenshot().catch(() => {});
    await session.close().catch(() => {});
  }
}
await browser.close();
console.log(`browser journeys: ${specs.length - failed} passed, ${failed} failed; screenshots in ${screenshotDir}`);
process.exit(failed ? 1 : 0);
