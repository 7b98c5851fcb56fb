// A buyer sends an inquiry to a cooperative from the new-inquiry form (the
// cooperative page's contact button links there), sees it first in the list;
// the cooperative accepts it in its inbox and the buyer then sees its contacts.

import assert from "node:assert/strict";
import { DESKTOP, PHONE } from "../lib.mjs";

export default async function buyerInquiry(session) {
  const memberToken = await session.token("quyetthang@example.vn");
  const me = await session.graphql(`{ me { organizations { id kind name } } }`, {}, memberToken);
  const coop = me.me.organizations.find((o) => o.kind === "COOPERATIVE");

  const buyer = await session.page(PHONE);
  await session.signIn(buyer, "thumua.vidu@example.vn");
  assert.equal(new URL(buyer.url()).pathname, "/me/inquiries", "a buyer lands on their inquiries");
  await session.screenshot(buyer, "inquiries-before");

  await session.open(buyer, `/me/inquiries/new?producer=${coop.id}`);
  await session.screenshot(buyer, "inquiry-new");
  const subject = `Hỏi mua mật ong ${Date.now() % 100000}`;
  await buyer.getByLabel("Tiêu đề").fill(subject);
  await buyer.getByLabel("Nội dung").fill("Chúng tôi cần 200 lít mật ong mỗi tháng, giao tại Đông Hà. Xin báo giá.");
  await buyer.getByRole("button", { name: "Gửi yêu cầu" }).click();
  await buyer.waitForURL(/\/me\/inquiries\/\d+$/);
  await buyer.locator("main h1", { hasText: subject }).waitFor();
  await session.settled(buyer);
  await buyer.getByText("Đã gửi yêu cầu").waitFor();
  assert.match(await buyer.locator(".thread").innerText(), /200 lít mật ong/);
  await session.screenshot(buyer, "inquiry-thread-new");
  const inquiryPath = new URL(buyer.url()).pathname;

  await buyer.getByRole("link", { name: "← Tất cả yêu cầu" }).click();
  await buyer.locator(".inquiry-list").waitFor();
  await session.settled(buyer);
  const first = buyer.locator(".inquiry-list .card").first();
  assert.match(await first.innerText(), new RegExp(subject));
  assert.match(await first.innerText(), /Mới/);
  await session.screenshot(buyer, "inquiries");

  // The cooperative accepts it in its inbox and replies.
  const member = await session.page(DESKTOP);
  await session.signIn(member, "quyetthang@example.vn");
  await session.open(member, "/me/inquiries");
  await member.getByRole("link", { name: subject }).click();
  await member.locator("main h1", { hasText: subject }).waitFor();
  await session.settled(member);
  await member.getByRole("button", { name: "Nhận lời trao đổi" }).click();
  await member.getByText("Đã cập nhật trạng thái.").waitFor();
  await member.getByLabel("Tin nhắn").fill("Chào anh/chị, HTX có thể cung cấp 200 lít/tháng, giá 280.000 ₫/lít.");
  await member.getByRole("button", { name: "Gửi tin nhắn" }).click();
  await member.locator(".message.mine", { hasText: "280.000" }).waitFor();
  await session.screenshot(member, "inquiry-thread-cooperative");

  // The buyer now sees the reply and the cooperative's contact details.
  await session.open(buyer, inquiryPath);
  assert.match(await buyer.locator(".thread").innerText(), /280\.000/);
  assert.match(await buyer.locator("main").innerText(), /Đang trao đổi/);
  assert.match(await buyer.locator("main").innerText(), /Điện thoại/);
  await session.screenshot(buyer, "inquiry-thread-accepted");

  await session.screenshotBoth("/me/inquiries", "inquiries-anonymous");
}
