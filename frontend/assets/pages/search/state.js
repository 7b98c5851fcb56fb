// The search page's state in the URL (q, kind, province, category, scheme,
// stars, pkind, verified, sort, lat/lng, page/after) and the GraphQL
// variables it means. Reload, back/forward and shared links restore it.

export const PAGE_SIZE = 20;
export const KINDS = ["PRODUCT", "PRODUCER", "BRAND_LABEL", "EVENT"];
export const FILTER_KEYS = ["province", "category", "scheme", "stars", "pkind", "verified"];

/** The page's state from the URL. */
export function readState(query) {
  return {
    q: query.get("q") || "",
    kind: KINDS.includes(query.get("kind")) ? query.get("kind") : "",
    province: query.get("province") || "",
    category: query.get("category") || "",
    scheme: query.getAll("scheme"),
    stars: query.get("stars") || "",
    pkind: query.get("pkind") || "",
    verified: query.get("verified") === "1",
    sort: ["NEWEST", "DISTANCE"].includes(query.get("sort")) ? query.get("sort") : "RELEVANCE",
    lat: query.get("lat") || "",
    lng: query.get("lng") || "",
    page: Math.max(1, parseInt(query.get("page"), 10) || 1),
    after: query.get("after") || "",
  };
}

/** The URL of a state; `page`/`after` only when past the first page. */
export function urlOf(s) {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  if (s.kind) p.set("kind", s.kind);
  if (s.province) p.set("province", s.province);
  if (s.category) p.set("category", s.category);
  for (const v of s.scheme) p.append("scheme", v);
  if (s.stars) p.set("stars", s.stars);
  if (s.pkind) p.set("pkind", s.pkind);
  if (s.verified) p.set("verified", "1");
  if (s.lat && s.lng) {
    p.set("lat", s.lat);
    p.set("lng", s.lng);
  }
  if (s.sort !== "RELEVANCE" && (s.sort !== "DISTANCE" || s.lat)) p.set("sort", s.sort);
  if (s.page > 1 && s.after) {
    p.set("page", String(s.page));
    p.set("after", s.after);
  }
  const qs = p.toString();
  return qs ? `/?${qs}` : "/";
}

export function variables(s) {
  const filter = {};
  if (s.province) filter.provinceCodes = [Number(s.province)];
  if (s.category) filter.categories = [s.category];
  if (s.scheme.length) filter.schemes = s.scheme;
  if (s.stars) filter.minOcopStars = Number(s.stars);
  if (s.pkind) filter.producerKinds = [s.pkind];
  if (s.verified) filter.verified = true;
  const near = s.lat && s.lng ? { latitude: Number(s.lat), longitude: Number(s.lng) } : null;
  if (near) filter.near = near;
  return {
    q: s.q,
    kinds: s.kind ? [s.kind] : null,
    filter,
    sort: s.sort === "DISTANCE" && !near ? "RELEVANCE" : s.sort,
    after: s.page > 1 && s.after ? s.after : null,
  };
}

// Cursors of pages already seen, so "previous" works past page 2 (the API's cursors only go forward).
const CURSORS = "coopbridge.search.cursors";
export function rememberCursor(s, page, cursor) {
  const key = urlOf({ ...s, page: 1 });
  let all = {};
  try {
    all = JSON.parse(sessionStorage.getItem(CURSORS)) || {};
  } catch {
    all = {};
  }
  if (all.key !== key) all = { key, pages: {} };
  all.pages[page] = cursor;
  sessionStorage.setItem(CURSORS, JSON.stringify(all));
}
export function cursorOf(s, page) {
  try {
    const all = JSON.parse(sessionStorage.getItem(CURSORS));
    return all?.key === urlOf({ ...s, page: 1 }) ? all.pages[page] || "" : "";
  } catch {
    return "";
  }
}

/** Lower-case, no diacritics: "Mật ong" → "mat ong". */
export function plain(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}
