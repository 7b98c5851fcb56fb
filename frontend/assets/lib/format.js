// Numbers, money and dates the way Vietnamese users read them: VND as whole
// đồng ("1.250.000 ₫"), dates day-first, in Vietnam's time zone.

import { lang } from "./i18n.js";

const TIME_ZONE = "Asia/Ho_Chi_Minh";
const locale = () => (lang() === "vi" ? "vi-VN" : "en-GB");

export function number(n) {
  return n === null || n === undefined ? "" : new Intl.NumberFormat(locale()).format(n);
}

/** Money in VND (integers only; the API never sends fractions of a đồng). */
export function vnd(n) {
  if (n === null || n === undefined) return "";
  return new Intl.NumberFormat(locale(), { style: "currency", currency: "VND", maximumFractionDigits: 0 }).format(n);
}

/** A price range such as "45.000 ₫ – 60.000 ₫ / kg"; empty when no price is given. */
export function priceRange(min, max, unit) {
  if (min == null && max == null) return "";
  const range = min != null && max != null && min !== max ? `${vnd(min)} – ${vnd(max)}` : vnd(min ?? max);
  return unit ? `${range} / ${unit}` : range;
}

/** A calendar date ("2026-11-23" or an ISO timestamp) as 23/11/2026. */
export function date(value) {
  if (!value) return "";
  // A bare date is a calendar day: show it as is, never shifted by time zone.
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = bare ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(locale(), {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: bare ? "UTC" : TIME_ZONE,
  }).format(d);
}

/** A moment as 23/11/2026 14:05 in Vietnam time. */
export function dateTime(value) {
  if (!value) return "";
  return new Intl.DateTimeFormat(locale(), {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: TIME_ZONE,
  }).format(new Date(value));
}

/** Kilometres with one decimal. */
export function km(value) {
  return value == null ? "" : `${new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(value)} km`;
}
