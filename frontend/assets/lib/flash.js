// A one-time message carried across a navigation ("Đã lưu sản phẩm"), shown
// by the next page in a polite live region.

import { h } from "./dom.js";

let message = null;

export function flash(text) {
  message = text;
}

/** The pending message as a notice (and forgets it), or null. */
export function takeFlash() {
  const text = message;
  message = null;
  return text ? h("p", { class: "notice", role: "status" }, text) : null;
}
