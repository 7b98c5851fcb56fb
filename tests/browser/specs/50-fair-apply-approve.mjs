// An organizer of Quảng Trị creates and publishes a fair with the fair
// editor; a cooperative member applies (pending, as the fair needs approval);
// the organizer approves it in the manage view and checks the exhibitor in;
// the member then sees the confirmed status and the check-in code. The CSV
// export downloads with the organizer's token.

import assert from "node:assert/strict";
import { DESKTOP, PHONE } from "../lib.mjs";

/** A datetime-local value (Vietnam time) `hours` from now. */
function vnLocal(hours) {
  return new Date(Date.now() + (hours + 7) * 3600 * 1000).toISOString().slice(0, 16);
}

export default async function fairApplyApprove(session) {
  const organizer = await session.page(DESKTOP);
  await session.signIn(organizer, "hoinongdan.quangtri@example.vn");
  assert.equal(new URL(organizer.url()).pathname, "/organizer");
  await organizer.locator("figure.chart").first().waitFor();
  await organizer.getByRole("link", { name: "Tạo hội chợ mới" }).first().click();
  await organizer.locator("main h1", { hasText: "Tạo hội chợ mới" }).waitFor();
  await session.settled(organizer);
  const title = `Hội chợ nông sản Quảng Trị thử ${Date.now() % 100000}`;
  await organizer.getByLabel("Tên hội chợ").fill(title);
  await organizer.getByLabel("Nơi tổ chức").fill("Trung tâm Hội chợ Triển lãm tỉnh");
  await organizer.getByLabel("Bắt đầu").fill(vnLocal(24 * 20));
  await organizer.getByLabel("Kết thúc").fill(vnLocal(24 * 22));
  await organizer.getByLabel("Mở đăng ký").fill(vnLocal(-1));
  await organizer.getByLabel("Hạn đăng ký").fill(vnLocal(24 * 10));
  await organizer.getByLabel("Tổng số gian hàng").fill("20");
  await session.screenshot(organizer, "fair-editor");
  await organizer.getByRole("button", { name: "Tạo và công bố" }).click();
  await organizer.waitForURL(/\/fairs\/\d+\/manage$/);
  await organizer.locator("main h1", { hasText: title }).waitFor();
  await session.settled(organizer);
  await organizer.getByText("Đã tạo và công bố hội chợ.").waitFor();
  const eventId = organizer.url().match(/\/fairs\/(\d+)\/manage/)[1];
  assert.match(await organizer.locator("main").innerText(), /Chưa có hồ sơ nào/);

  // The member applies from a phone.
  const member = await session.page(PHONE);
  await session.signIn(member, "quyetthang@example.vn");
  await session.open(member, `/fairs/${eventId}/apply`);
  await session.screenshot(member, "fair-apply");
  await member.locator(".checks input[type=checkbox]").first().check();
  await member.getByLabel("Ghi chú cho ban tổ chức").fill("Xin gian gần lối vào.");
  await member.getByRole("button", { name: "Gửi đăng ký" }).click();
  await member.getByText("Đã gửi đăng ký; ban tổ chức sẽ xét duyệt.").waitFor();
  assert.match(await member.locator(".application-status").innerText(), /Chờ duyệt/);
  await session.screenshot(member, "fair-apply-pending");

  // The organizer approves it in the manage view.
  await session.open(organizer, `/fairs/${eventId}/manage?status=PENDING`);
  const row = organizer.locator("tr", { hasText: "Quyết Thắng" });
  await session.screenshot(organizer, "fair-manage-pending");
  await row.getByRole("button", { name: /Duyệt/ }).click();
  await organizer.getByText(/Quyết Thắng.*: Đã xác nhận\./).waitFor();
  await session.open(organizer, `/fairs/${eventId}/manage`);
  assert.match(await organizer.locator("tr", { hasText: "Quyết Thắng" }).innerText(), /Đã xác nhận/);
  assert.match(await organizer.locator(".kpis").innerText(), /1\s*Đã xác nhận/);

  // The member sees the confirmation and the check-in code; the organizer checks it in.
  await session.open(member, `/fairs/${eventId}/apply`);
  assert.match(await member.locator(".application-status").innerText(), /Đã xác nhận/);
  const code = (await member.locator(".application-status .code").innerText()).trim();
  assert.ok(code.length > 0, "a confirmed exhibitor has a check-in code");
  await session.screenshot(member, "fair-apply-confirmed");
  await organizer.getByLabel("Mã check-in").fill(code);
  await organizer.getByRole("button", { name: "Check-in", exact: true }).click();
  await organizer.getByText(/Đã check-in .*Quyết Thắng.*Tổng số đã check-in: 1\./).waitFor();

  // The exhibitor list downloads with the token, under its file name.
  const [download] = await Promise.all([organizer.waitForEvent("download"), organizer.getByRole("button", { name: "Tải CSV" }).click()]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const [xlsx] = await Promise.all([organizer.waitForEvent("download"), organizer.getByRole("button", { name: "Tải Excel (.xlsx)" }).click()]);
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
  await session.screenshot(organizer, "fair-manage");

  // Phone views of the organizer pages.
  const orgPhone = await session.page(PHONE);
  await session.signIn(orgPhone, "hoinongdan.quangtri@example.vn");
  await session.open(orgPhone, `/fairs/${eventId}/manage`);
  await session.screenshot(orgPhone, "fair-manage");
  await session.open(orgPhone, "/organizer/fairs/new");
  await session.screenshot(orgPhone, "fair-editor");
  const memberDesk = await session.page(DESKTOP);
  await session.signIn(memberDesk, "quyetthang@example.vn");
  await session.open(memberDesk, `/fairs/${eventId}/apply`);
  await session.screenshot(memberDesk, "fair-apply-confirmed");
}
