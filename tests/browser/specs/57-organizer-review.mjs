// The organizer of Phú Thọ opens the review queue from the dashboard, sees
// HTX Mỹ Tân's self-declared certificates with their evidence PDF, approves
// the VietGAP one and rejects the GlobalGAP one with a reason (a reason is
// required). The cooperative's public page then shows VietGAP verified and
// the rest as "tự khai", with no OCOP stars for the unverified 3★ claim.
// An organizer of another province does not see Phú Thọ's items.

import assert from "node:assert/strict";
import { DESKTOP, PHONE } from "../lib.mjs";

const ORGANIZER = "lienminhhtx.phutho@example.vn";
const MY_TAN = "/producers/hop-tac-xa-nong-nghiep-my-tan";

export default async function organizerReview(session) {
  // Before any verdict the public page labels every claim and shows no stars.
  const visitor = await session.page(PHONE);
  await session.open(visitor, MY_TAN);
  await visitor.locator(".cert-list").waitFor();
  assert.match(await visitor.locator(".cert-list").innerText(), /Tự khai/);
  assert.equal(await visitor.locator("main .stars").count(), 0, "a self-declared OCOP rating gives no stars");

  const page = await session.page(PHONE);
  await session.signIn(page, ORGANIZER);
  await page.getByRole("link", { name: "Duyệt hồ sơ và chứng nhận" }).click();
  await page.locator("main h1", { hasText: "Duyệt hồ sơ và chứng nhận" }).waitFor();
  await session.settled(page);
  const certs = page.locator("section[aria-labelledby=review-certs] li.review-item");
  assert.ok((await certs.count()) >= 3, "Mỹ Tân's three certificates wait");
  const vietgap = certs.filter({ hasText: "VietGAP" }).first();
  const href = await vietgap.getByRole("link", { name: "Xem bản chứng nhận (PDF)" }).getAttribute("href");
  const evidence = await page.request.get(new URL(href, page.url()).href);
  assert.equal(evidence.status(), 200, "the evidence PDF opens");
  assert.match(evidence.headers()["content-type"], /pdf/);
  assert.match(await page.locator("section[aria-labelledby=review-producers]").innerText(), /Mỹ Tân/);
  await session.screenshot(page, "queue");

  // Approve VietGAP.
  await vietgap.getByRole("button", { name: /^Duyệt/ }).click();
  await page.getByText(/Đã duyệt: VietGAP/).waitFor();
  await session.settled(page);
  assert.equal(await certs.filter({ hasText: "VietGAP" }).count(), 0);

  // Reject GlobalGAP: first without a reason (refused, the field says why), then with one.
  const globalgap = certs.filter({ hasText: "GlobalGAP" }).first();
  await globalgap.locator("summary").click();
  await globalgap.getByRole("button", { name: "Xác nhận từ chối" }).click();
  await globalgap.getByText("Vui lòng nhập mục này.").waitFor();
  await globalgap.getByLabel("Lý do từ chối").fill("Bản chụp không đọc được số chứng nhận");
  await session.screenshot(page, "reject");
  await globalgap.getByRole("button", { name: "Xác nhận từ chối" }).click();
  await page.getByText(/Đã từ chối: GlobalGAP/).waitFor();
  await session.settled(page);
  assert.equal(await certs.filter({ hasText: "GlobalGAP" }).count(), 0);
  assert.equal(await certs.filter({ hasText: "OCOP" }).count(), 1, "the OCOP claim still waits");

  // The verdicts are stored as given.
  const token = await session.token(ORGANIZER);
  const data = await session.graphql(
    `{ producerBySlug(slug: "hop-tac-xa-nong-nghiep-my-tan") { ocopStars certificates { scheme verificationStatus verificationNote selfDeclared } } }`,
    {},
    token,
  );
  const by = Object.fromEntries(data.producerBySlug.certificates.map((c) => [c.scheme, c]));
  assert.equal(by.VIET_GAP.verificationStatus, "VERIFIED");
  assert.equal(by.GLOBAL_GAP.verificationStatus, "REJECTED");
  assert.equal(by.GLOBAL_GAP.verificationNote, "Bản chụp không đọc được số chứng nhận");
  assert.equal(by.OCOP.selfDeclared, true);
  assert.equal(data.producerBySlug.ocopStars, null);

  // The public page follows: VietGAP verified, OCOP still self-declared, no stars.
  await session.open(visitor, MY_TAN);
  const list = await visitor.locator(".cert-list").innerText();
  assert.match(list, /Đã xác minh/);
  assert.match(list, /Tự khai/);
  assert.match(list, /Bị từ chối/);
  assert.equal(await visitor.locator("main .stars").count(), 0);
  await session.screenshot(visitor, "producer-after");

  // Desktop and English.
  const desk = await session.page(DESKTOP);
  await session.signIn(desk, ORGANIZER);
  await session.open(desk, "/organizer/review");
  await session.screenshot(desk, "queue");
  await desk.getByRole("button", { name: "English" }).click();
  await desk.locator("main h1", { hasText: "Review profiles and certificates" }).waitFor();
  await desk.getByRole("button", { name: "Tiếng Việt" }).click();
  await desk.locator("main h1", { hasText: "Duyệt hồ sơ và chứng nhận" }).waitFor();

  // Quảng Trị's organizer does not see Phú Thọ's items.
  const other = await session.page(PHONE);
  await session.signIn(other, "hoinongdan.quangtri@example.vn");
  await session.open(other, "/organizer/review");
  assert.doesNotMatch(await other.locator("main").innerText(), /Mỹ Tân/);
}
