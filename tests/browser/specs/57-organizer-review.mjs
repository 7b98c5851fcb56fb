// HTX Mỹ Tân's member declares a HACCP certificate; the organizer of Phú Thọ
// opens the review queue from the dashboard, sees the cooperative's
// self-declared certificates (the demo's VietGAP one with its evidence PDF),
// approves the VietGAP one and rejects the HACCP one with a reason (a reason
// is required). The cooperative's public page then shows VietGAP verified,
// HACCP rejected and the rest as "tự khai", with no OCOP stars. An organizer
// of another province does not see Phú Thọ's items.

import assert from "node:assert/strict";
import { DESKTOP, PHONE } from "../lib.mjs";

const ORGANIZER = "lienminhhtx.phutho@example.vn";
const MY_TAN = "/producers/hop-tac-xa-nong-nghiep-my-tan";
const MEMBER = "mytan@example.vn";

export default async function organizerReview(session) {
  // Before any verdict the public page labels every claim and shows no stars.
  const visitor = await session.page(PHONE);
  await session.open(visitor, MY_TAN);
  await visitor.locator(".cert-list").waitFor();
  assert.match(await visitor.locator(".cert-list").innerText(), /Tự khai/);
  assert.equal(await visitor.locator("main .stars").count(), 0, "a self-declared OCOP rating gives no stars");

  // The member declares a certificate of its own (no evidence file).
  const member = await session.token(MEMBER);
  const { producerBySlug: coop } = await session.graphql(`{ producerBySlug(slug: "hop-tac-xa-nong-nghiep-my-tan") { id } }`);
  const declared = await session.graphql(
    `mutation($i: CreateCertificateInput!) { createCertificate(input: $i) { certificate { selfDeclared } errors { code field } } }`,
    { i: { producerId: coop.id, scheme: "HACCP", certificateNumber: "TU-KHAI-HACCP-01", issuer: "Tự khai", issuedOn: "2025-06-01" } },
    member,
  );
  assert.deepEqual(declared.createCertificate.errors, []);
  assert.equal(declared.createCertificate.certificate.selfDeclared, true);

  const page = await session.page(PHONE);
  await session.signIn(page, ORGANIZER);
  await page.getByRole("link", { name: "Duyệt hồ sơ và chứng nhận" }).click();
  await page.locator("main h1", { hasText: "Duyệt hồ sơ và chứng nhận" }).waitFor();
  await session.settled(page);
  const certs = page.locator("section[aria-labelledby=review-certs] li.review-item");
  const waiting = await certs.count();
  assert.ok(waiting >= 2, "Mỹ Tân's VietGAP and HACCP certificates wait");
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

  // Reject HACCP: first without a reason (refused, the field says why), then with one.
  const haccp = certs.filter({ hasText: "HACCP" }).first();
  assert.match(await haccp.innerText(), /Không có tệp minh chứng/);
  await haccp.locator("summary").click();
  await haccp.getByRole("button", { name: "Xác nhận từ chối" }).click();
  await haccp.getByText("Vui lòng nhập mục này.").waitFor();
  await haccp.getByLabel("Lý do từ chối").fill("Chưa có bản chứng nhận để đối chiếu");
  await session.screenshot(page, "reject");
  await haccp.getByRole("button", { name: "Xác nhận từ chối" }).click();
  await page.getByText(/Đã từ chối: HACCP/).waitFor();
  await session.settled(page);
  assert.equal(await certs.filter({ hasText: "HACCP" }).count(), 0);
  assert.equal(await certs.count(), waiting - 2);

  // The verdicts are stored as given.
  const token = await session.token(ORGANIZER);
  const data = await session.graphql(
    `{ producerBySlug(slug: "hop-tac-xa-nong-nghiep-my-tan") { ocopStars certificates { scheme verificationStatus verificationNote selfDeclared } } }`,
    {},
    token,
  );
  const by = Object.fromEntries(data.producerBySlug.certificates.map((c) => [c.scheme, c]));
  assert.equal(by.VIET_GAP.verificationStatus, "VERIFIED");
  assert.equal(by.HACCP.verificationStatus, "REJECTED");
  assert.equal(by.HACCP.verificationNote, "Chưa có bản chứng nhận để đối chiếu");
  assert.equal(by.OCOP.verificationStatus, "UNVERIFIED");
  assert.equal(data.producerBySlug.ocopStars, null);

  // The public page follows: VietGAP verified, HACCP rejected, the rest self-declared, no stars.
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
