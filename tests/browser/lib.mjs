// What every journey gets: pages at phone (360 px) and desktop width that fail
// on console errors, on any Content-Security-Policy violation or on any
// request leaving the server, screenshots, and a GraphQL client for setting
// up data through the real API.

import assert from "node:assert/strict";
import path from "node:path";

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 860 };
export const DEMO_PASSWORD = "demo-coopbridge";

export class Session {
  constructor(browser, baseUrl, screenshotDir, specName) {
    this.browser = browser;
    this.baseUrl = baseUrl;
    this.screenshotDir = screenshotDir;
    this.specName = specName;
    this.contexts = [];
    this.problems = [];
    this.lastPage = null;
  }

  /** A new browser page (own cookies/storage) at `viewport`, watched for problems. */
  async page(viewport = PHONE) {
    const context = await this.browser.newContext({ viewport, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
    this.contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    const origin = new URL(this.baseUrl).origin;
    page.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) {
        this.problems.push(`external request: ${url}`);
      }
    });
    page.on("console", (message) => {
      if (message.type() === "error") this.problems.push(`console error on ${page.url()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => this.problems.push(`uncaught error on ${page.url()}: ${error.message}`));
    // The server's policy forbids inline scripts, styles and handlers; the
    // browser blocks them and reports each, which must fail the journey.
    await page.exposeFunction("__cspViolation", (report) => this.problems.push(`CSP violation: ${report}`));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) =>
        window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} on ${location.pathname} (${e.sourceFile}:${e.lineNumber})`),
      );
    });
    page.on("response", (response) => {
      if (response.request().resourceType() === "document" && !response.headers()["content-security-policy"]) {
        this.problems.push(`no Content-Security-Policy on ${response.url()}`);
      }
    });
    this.lastPage = page;
    return page;
  }

  /** Opens `path` and waits until the app has rendered a page heading. */
  async open(page, pathname) {
    await page.goto(this.baseUrl + pathname);
    await this.settled(page);
  }

  /** Waits for the app to finish rendering (a heading in <main>, no loading state). */
  async settled(page) {
    await page.waitForSelector("main h1");
    await page.waitForFunction(() => !document.querySelector("main .state-loading"));
  }

  /** Saves `<spec>-<name>-<phone|desktop>.png` (full page). */
  async screenshot(page, name) {
    const width = page.viewportSize().width;
    const file = path.join(this.screenshotDir, `${this.specName}-${name}-${width <= 480 ? "phone" : "desktop"}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  }

  /** Opens `path` at phone and desktop width and screenshots both. */
  async screenshotBoth(pathname, name) {
    for (const viewport of [PHONE, DESKTOP]) {
      const page = await this.page(viewport);
      await this.open(page, pathname);
      await this.screenshot(page, name);
      await page.context().close();
    }
  }

  /** Signs in through the UI form on `page` and waits for the redirect. */
  async signIn(page, email, password = DEMO_PASSWORD) {
    await this.open(page, "/sign-in");
    await page.getByLabel(/Email/i).fill(email);
    await page.getByLabel(/Mật khẩu|Password/i).fill(password);
    await page.getByRole("button", { name: /Đăng nhập|Sign in/i }).click();
    await page.waitForFunction(() => !location.pathname.startsWith("/sign-in"));
    await this.settled(page);
  }

  /** Runs GraphQL against the server (for setup and for checking results). */
  async graphql(query, variables = {}, token = null) {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    assert.ok(!body.errors, `GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  async token(email, password = DEMO_PASSWORD) {
    const data = await this.graphql(
      `mutation($input: SignInInput!) { signIn(input: $input) { token errors { code message } } }`,
      { input: { email, password } },
    );
    assert.ok(data.signIn.token, `sign-in of ${email} failed: ${JSON.stringify(data.signIn.errors)}`);
    return data.signIn.token;
  }

  async failureScreenshot() {
    if (this.lastPage && !this.lastPage.isClosed()) await this.screenshot(this.lastPage, "FAILURE");
  }

  async close() {
    for (const context of this.contexts) await context.close().catch(() => {});
    this.contexts = [];
  }

  /** Closes everything and fails when any page had a problem. */
  async finish() {
    await this.close();
    assert.deepEqual(this.problems, [], "pages had problems");
  }
}
