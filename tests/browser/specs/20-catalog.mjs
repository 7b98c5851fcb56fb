// Catalog pages: a cooperative opened from a search result (products,
// certificates, labels, coordinates, contact button by role), a product page,
// a brand-label page with its QR code, and the traceability page it opens.

import assert from "node:assert/strict";
import { DESKTOP, PHONE } from "../lib.mjs";

/** Waits until the page heading matches (a click leaves the old page up until the new one is ready). */
const heading = (page, re) => page.waitForFunction((src) => new RegExp(src).test(document.querySelector("main h1")?.innerText || ""), re.source);

/** Signs `page` in through the API (the sign-in form is another journey's subject). */
export async function signInByToken(session, page, email) {
  const token = await session.token(email);
  await page.evaluate((value) => localStorage.setItem("coopbridge.token", value), token);
}

export default async function catalog(session) {
  const page = await session.page(PHONE);
  const slug = "hop-tac-xa-nong-nghiep-nuoi-ong-mat-quyet-thang";
  const { producerBySlug: honey } = await session.graphql(`query($s: String!) { producerBySlug(slug: $s) { id products(first: 1) { nodes { id } } brandLabels { id } } }`, { s: slug });

  // From a search result to the cooperative.
  await session.open(page, "/?q=quyet+thang&kind=PRODUCER");
  await page.locator(".results .card h3 a").first().click();
  await page.waitForURL(/\/producers\/hop-tac-xa-nong-nghiep-nuoi-ong-mat-quyet-thang$/);
  await heading(page, /Quyết Thắng/);
  await session.settled(page);
  const profile = await page.locator("main").innerText();
  assert.match(profile, /Mật ong Tuyên Hóa/, "its products are listed");
  assert.match(profile, /17,9452° B, 105,9906° Đ/, "position as coordinates");
  assert.match(profile, /Chứng nhận/);
  // Anonymous: the contact button asks to sign in, then goes to the inquiry form.
  const contact = page.getByRole("link", { name: /Đăng nhập để hỏi hàng/ });
  assert.equal(decodeURIComponent(await contact.getAttribute("href")), `/sign-in?next=/me/inquiries/new?producer=${honey.id}`);
  await session.screenshot(page, "producer");

  // A cooperative with certificates shows scheme, issuer and validity.
  await session.open(page, "/?q=tuan+dung&kind=PRODUCER");
  await page.locator(".results .card h3 a").first().click();
  await page.waitForURL(/\/producers\//);
  await heading(page, /Tuấn Dũng/);
  await session.settled(page);
  const certs = page.locator(".cert-list .cert");
  assert.ok((await certs.count()) > 0, "certificates are listed");
  assert.match(await certs.first().innerText(), /VietGAP[\s\S]*(Hiệu lực đến|Hết hạn|Không thời hạn)[\s\S]*Cấp bởi/);
  await session.screenshot(page, "producer-certificates");

  // A buyer gets the inquiry form link; the cooperative's own member gets the editor.
  await signInByToken(session, page, "thumua.vidu@example.vn");
  await session.open(page, "/producers/hop-tac-xa-nong-nghiep-nuoi-ong-mat-quyet-thang");
  assert.equal(await page.getByRole("link", { name: /Liên hệ, hỏi hàng/ }).getAttribute("href"), `/me/inquiries/new?producer=${honey.id}`);
  const member = await session.page(PHONE);
  await session.open(member, "/");
  await signInByToken(session, member, "quyetthang@example.vn");
  await session.open(member, "/producers/hop-tac-xa-nong-nghiep-nuoi-ong-mat-quyet-thang");
  assert.equal(await member.getByRole("link", { name: /hỏi hàng/ }).count(), 0);
  assert.equal(await member.getByRole("link", { name: /Sửa hồ sơ HTX/ }).getAttribute("href"), "/me/cooperative");

  // Product page.
  await session.open(page, "/products/1");
  assert.match(await page.locator("main h1").innerText(), /Mật ong Tuyên Hóa/);
  assert.match(await page.locator(".price.big").innerText(), /250\.000\s₫ – 350\.000\s₫ \/ lít/);
  assert.match(await page.locator("main").innerText(), /Quyết Thắng/);
  await session.screenshot(page, "product");

  // Label page with its QR code (an SVG served by our binary).
  await session.open(page, "/labels/1");
  assert.match(await page.locator("main h1").innerText(), /Mật ong Tuyên Hóa/);
  const qr = page.getByRole("img", { name: /Mã QR/ });
  await qr.waitFor();
  assert.equal(await qr.getAttribute("src"), "/labels/1/qr.svg");
  assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), "the QR image loads");
  await session.screenshot(page, "label");

  // The trace page the QR opens: verdicts first, then product, producer, label.
  await page.getByRole("link", { name: /Xem trang truy xuất/ }).click();
  await page.waitForURL(/\/trace\/1$/);
  await page.locator(".verdict").waitFor();
  await session.settled(page);
  const verdicts = await page.locator(".verdict").innerText();
  assert.match(verdicts, /Nhãn (còn|đã hết) hiệu lực/);
  assert.match(verdicts, /Cơ sở sản xuất đã được xác minh/);
  assert.match(await page.locator("main").innerText(), /Quyết Thắng/);
  await session.screenshot(page, "trace");

  // Unknown ids get a designed not-found page.
  await session.open(page, "/products/999999");
  assert.match(await page.locator("main h1").innerText(), /Không tìm thấy/);

  for (const [path, name] of [
    ["/producers/hop-tac-xa-nong-nghiep-nuoi-ong-mat-quyet-thang", "producer"],
    ["/products/1", "product"],
    ["/labels/1", "label"],
    ["/trace/1?product=1", "trace"],
  ]) {
    const desk = await session.page(DESKTOP);
    await session.open(desk, path);
    await session.screenshot(desk, name);
    await desk.context().close();
  }
}
