// What the three inquiry pages share: which organizations' inquiries the
// account sees (its buyer companies or its cooperatives) and status badges.

import { organizationsOf } from "./session.js";
import { badge } from "./ui.js";
import { INQUIRY_BADGE, INQUIRY_STATUS, label } from "./labels-account.js";

/** The account's organizations that have inquiries: buyer companies, else cooperatives (admins: none). */
export function inquiryOrganizations(acc) {
  const buyers = organizationsOf(acc, "BUYER_COMPANY");
  return buyers.length ? buyers : organizationsOf(acc, "COOPERATIVE");
}

export function statusBadge(status) {
  return badge(label(INQUIRY_STATUS, status), INQUIRY_BADGE[status]);
}

/** The status changes the caller's side may make from `status` (the server has the last word). */
export function allowedChanges(status, cooperativeSide) {
  if (status === "NEW") return cooperativeSide ? ["IN_DISCUSSION", "DECLINED", "CLOSED"] : ["CLOSED"];
  if (status === "IN_DISCUSSION") return ["AGREED", "DECLINED", "CLOSED"];
  return [];
}

