// The enum labels of lib/labels.js as tables, for the menus and badges of the
// signed-in pages: one source of wording for every page.

import { pick } from "./i18n.js";
import { table } from "./labels.js";

export const CATEGORY = table("ProductCategory");
export const SCHEME = table("CertificationScheme");
export const PRODUCER_KIND = table("ProducerKind");
export const LABEL_KIND = table("BrandLabelKind");
export const VERIFICATION = table("VerificationStatus");
export const INQUIRY_STATUS = table("InquiryStatus");
export const APPLICATION_STATUS = table("ApplicationStatus");
export const EVENT_KIND = table("EventKind");

/** Badge styles (lib/ui.js `badge` kinds) by status. */
export const INQUIRY_BADGE = { NEW: "warn", IN_DISCUSSION: "", AGREED: "", DECLINED: "danger", CLOSED: "muted" };
export const APPLICATION_BADGE = { PENDING: "warn", CONFIRMED: "", WAITLISTED: "warn", REJECTED: "danger", WITHDRAWN: "muted" };

/** The label of `value` in `table`, in the current language (the raw value when unknown). */
export function label(labels, value) {
  return labels[value] ? pick(labels[value]) : value;
}

/** `<option>`s data: [[value, label], …] of a table. */
export function options(labels) {
  return Object.keys(labels).map((value) => [value, pick(labels[value])]);
}
