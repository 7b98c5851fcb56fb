// Search (/ and /search): a search box with suggestions, kind tabs, facet
// filters with counts, result cards and pages. Every piece of state lives in
// the URL (q, kind, province, category, scheme, stars, pkind, verified, sort,
// lat/lng, page/after), so reload, back/forward and shared links restore it.
// Kept lean: this is the page every visitor loads first.

import { h, replace } from "../../lib/dom.js";
import { gql } from "../../lib/api.js";
import { strings } from "../../lib/i18n.js";
import { number } from "../../lib/format.js";
import { label } from "../../lib/labels.js";
import { emptyState, errorState, pager } from "../../lib/ui.js";
import { combobox } from "../../lib/combobox.js";
import { FILTER_KEYS, KINDS, PAGE_SIZE, cursorOf, plain, readState, rememberCursor, urlOf, variables } from "./state.js";
import { card, hrefOf } from "./cards.js";

const t = strings({
  vi: {
    title: "Tìm nông sản và hợp tác xã",
    intro: "Sản phẩm, hợp tác xã, nhãn hiệu và hội chợ trên cả nước. Gõ có dấu hoặc không dấu.",
    box: "Tìm kiếm",
    placeholder: "Ví dụ: mật ong, gạo ST25, HTX…",
    go: "Tìm",
    all: "Tất cả",
    filters: "Bộ lọc",
    province: "Tỉnh, thành phố",
    category: "Loại sản phẩm",
    scheme: "Chứng nhận",
    stars: "Sao OCOP",
    starsAtLeast: (n) => `Từ ${n} sao`,
    pkind: "Loại cơ sở",
    verifiedOnly: "Chỉ cơ sở đã xác minh",
    any: "Tất cả",
    clear: "Bỏ mọi bộ lọc",
    sort: "Sắp xếp",
    RELEVANCE: "Phù hợp nhất",
    NEWEST: "Mới nhất",
    DISTANCE: "Gần nhất",
    nearMe: "Gần tôi",
    nearOn: "Đang xếp theo vị trí của bạn",
    nearOff: "Bỏ vị trí",
    noGeo: "Không lấy được vị trí của bạn.",
    count: (n, q) => (q ? `${number(n)} kết quả cho “${q}”` : `${number(n)} kết quả`),
    none: (q) => (q ? `Không có kết quả cho “${q}”.` : "Không có kết quả."),
    hintFilters: "Thử bỏ bớt bộ lọc",
    hintPlain: (q) => `Thử gõ không dấu: “${q}”`,
    hintShorter: "Thử dùng ít từ hơn hoặc từ khác, ví dụ tên tỉnh hay loại sản phẩm.",
    results: "Kết quả tìm kiếm",
  },
  en: {
    title: "Find farm products and cooperatives",
    intro: "Products, cooperatives, brand labels and fairs across Vietnam. Diacritics optional.",
    box: "Search",
    placeholder: "e.g. honey, ST25 rice, cooperative…",
    go: "Search",
    all: "All",
    filters: "Filters",
    province: "Province",
    category: "Product category",
    scheme: "Certificate",
    stars: "OCOP stars",
    starsAtLeast: (n) => `${n} stars or more`,
    pkind: "Producer kind",
    verifiedOnly: "Verified producers only",
    any: "Any",
    clear: "Clear all filters",
    sort: "Sort by",
    RELEVANCE: "Best match",
    NEWEST: "Newest",
    DISTANCE: "Nearest",
    nearMe: "Near me",
    nearOn: "Sorted by distance from you",
    nearOff: "Forget my location",
    noGeo: "Could not get your location.",
    count: (n, q) => (q ? `${number(n)} results for “${q}”` : `${number(n)} results`),
    none: (q) => (q ? `No results for “${q}”.` : "No results."),
    hintFilters: "Try removing some filters",
    hintPlain: (q) => `Try without diacritics: “${q}”`,
    hintShorter: "Try fewer or other words, e.g. a province or a kind of product.",
    results: "Search results",
  },
});

// The node kinds are aliased: one response name may not carry three different
// enum types (GraphQL spec, SameResponseShape), which strict validators reject.
const QUERY = `query Search($q: String!, $kinds: [SearchKind!], $filter: SearchFilterInput, $sort: SearchSort, $after: String) {
  search(query: $q, kinds: $kinds, filter: $filter, sort: $sort, first: ${PAGE_SIZE}, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    facets {
      provinces { value label count } categories { value label count } schemes { value label count }
      ocopStars { value count } producerKinds { value count } verified { value count } kinds { value count }
    }
    edges {
      kind highlight distanceKm
      node {
        __typename
        ... on Product { id name unit priceMinVnd priceMaxVnd monthlyCapacity images { url }
          producer { name slug province { name } } certificates { scheme ocopStars current selfDeclared verificationStatus } }
        ... on Producer { id slug name producerKind: kind verificationStatus ocopStars memberCount logo { url }
          province { name } commune { name } certificates { scheme current selfDeclared verificationStatus } }
        ... on BrandLabel { id name labelKind: kind valid image { url } producer { name slug province { name } } }
        ... on Event { id title eventKind: kind startsAt endsAt venueName boothsAvailable province { name } }
      }
    }
  }
}`;

export default async function searchPage(ctx) {
  ctx.title = t("title");
  let state = readState(ctx.query);
  const results = h("div", { class: "search-results" });
  const filters = h("div", { class: "search-filters" });
  const status = h("p", { class: "result-count", role: "status", "aria-live": "polite" });
  const tabs = h("nav", { class: "tabs", "aria-label": t("results") });
  const input = h("input", {
    type: "search",
    name: "q",
    value: state.q,
    placeholder: t("placeholder"),
    autocomplete: "off",
    spellcheck: "false",
    enterkeyhint: "search",
  });
  const form = h(
    "form",
    { class: "search-form", role: "search", onsubmit: (e) => (e.preventDefault(), go({ q: input.value.trim() })) },
    h("label", { class: "visually-hidden", for: "search-q" }, t("box")),
    h("div", { class: "search-row" }, h("div", { class: "combo" }, input), h("button", { class: "button", type: "submit" }, t("go"))),
  );
  input.id = "search-q";
  combobox(input, {
    fetch: async (prefix) => (await gql(`query($p: String!) { searchSuggestions(prefix: $p, first: 8) { text kind id } }`, { p: prefix })).searchSuggestions,
    render: (s) => [h("span", null, s.text), h("span", { class: "combo-kind" }, label("SearchKind", s.kind))],
    choose: (s) => ctx.navigate(hrefOf(s.kind, s.id, null)),
  });

  /** Applies a change: new URL (own history entry), new results; focus stays where it was. */
  async function go(change, { push = true } = {}) {
    state = { ...state, ...change };
    if (!("page" in change)) state = { ...state, page: 1, after: "" };
    if (push) history.pushState(null, "", urlOf(state));
    const focusedId = document.activeElement?.id;
    await load();
    if (focusedId && document.activeElement === document.body) document.getElementById(focusedId)?.focus();
  }

  let seq = 0;
  async function load(throwErrors = false) {
    const mine = ++seq;
    results.setAttribute("aria-busy", "true");
    let data;
    try {
      data = (await gql(QUERY, variables(state))).search;
    } catch (error) {
      if (throwErrors) throw error;
      if (mine !== seq) return;
      replace(results, errorState(error, () => load()));
      results.removeAttribute("aria-busy");
      return;
    }
    if (mine !== seq) return;
    results.removeAttribute("aria-busy");
    if (data.pageInfo.hasNextPage) rememberCursor(state, state.page + 1, data.pageInfo.endCursor);
    status.textContent = t("count", data.totalCount, state.q);
    renderTabs(data.facets?.kinds || []);
    renderFilters(data.facets);
    renderResults(data);
  }

  function renderTabs(kindCounts) {
    const countOf = (k) => kindCounts.find((c) => c.value === k)?.count;
    replace(
      tabs,
      ["", ...KINDS].map((k) => {
        const n = !state.kind ? (k ? countOf(k) || 0 : null) : null;
        return h(
          "a",
          { href: urlOf({ ...state, kind: k, page: 1, after: "" }), "aria-current": state.kind === k ? "page" : null, onclick: tabClick(k) },
          k ? label("SearchKind", k) : t("all"),
          n !== null ? h("span", { class: "tab-count" }, ` ${number(n)}`) : null,
        );
      }),
    );
  }
  const tabClick = (k) => (e) => {
    e.preventDefault();
    go({ kind: k });
  };

  function select(name, text, options, value) {
    const el = h(
      "select",
      { id: `sf-${name}`, name, onchange: (e) => go({ [name]: e.target.value }) },
      h("option", { value: "" }, t("any")),
      options.map((o) => h("option", { value: o.value, selected: o.value === value }, o.count != null ? `${o.label} (${number(o.count)})` : o.label)),
    );
    return h("div", { class: "field" }, h("label", { for: el.id }, text), el);
  }

  function renderFilters(f) {
    if (!f) return;
    const keep = (list, value) => (value && !list.some((o) => o.value === value) ? [...list, { value, label: value, count: 0 }] : list);
    const schemeBoxes = f.schemes.map((o) => {
      const id = `sf-scheme-${o.value}`;
      const checked = state.scheme.includes(o.value);
      return h(
        "li",
        null,
        h("input", {
          type: "checkbox",
          id,
          name: "scheme",
          value: o.value,
          checked,
          onchange: (e) => go({ scheme: e.target.checked ? [...state.scheme, o.value] : state.scheme.filter((v) => v !== o.value) }),
        }),
        h("label", { for: id }, `${label("CertificationScheme", o.value)} `, h("span", { class: "count" }, `(${number(o.count)})`)),
      );
    });
    // A chosen scheme that no longer has results stays visible, so it can be unchecked.
    for (const v of state.scheme.filter((v) => !f.schemes.some((o) => o.value === v))) {
      schemeBoxes.push(
        h("li", null, h("input", { type: "checkbox", id: `sf-scheme-${v}`, checked: true, onchange: () => go({ scheme: state.scheme.filter((x) => x !== v) }) }), h("label", { for: `sf-scheme-${v}` }, `${label("CertificationScheme", v)} (0)`)),
      );
    }
    const starCounts = [3, 4, 5].map((n) => ({
      value: String(n),
      label: t("starsAtLeast", n),
      count: f.ocopStars.filter((o) => Number(o.value) >= n).reduce((a, o) => a + o.count, 0),
    }));
    const verifiedCount = f.verified.find((o) => o.value === "true")?.count ?? 0;
    const any = FILTER_KEYS.some((k) => (Array.isArray(state[k]) ? state[k].length : state[k]));
    replace(
      filters,
      h(
        "details",
        { class: "panel filter-panel", open: window.matchMedia("(min-width: 720px)").matches || any ? true : null },
        h("summary", null, t("filters")),
        select("province", t("province"), keep(f.provinces, state.province), state.province),
        select("category", t("category"), keep(f.categories.map((o) => ({ ...o, label: label("ProductCategory", o.value) })), state.category), state.category),
        schemeBoxes.length ? h("fieldset", null, h("legend", null, t("scheme")), h("ul", { class: "checks" }, schemeBoxes)) : null,
        select("stars", t("stars"), starCounts, state.stars),
        select("pkind", t("pkind"), keep(f.producerKinds.map((o) => ({ ...o, label: label("ProducerKind", o.value) })), state.pkind), state.pkind),
        h(
          "p",
          { class: "check" },
          h("input", { type: "checkbox", id: "sf-verified", checked: state.verified, onchange: (e) => go({ verified: e.target.checked }) }),
          h("label", { for: "sf-verified" }, `${t("verifiedOnly")} `, h("span", { class: "count" }, `(${number(verifiedCount)})`)),
        ),
        any ? h("button", { type: "button", class: "button secondary", onclick: clearFilters }, t("clear")) : null,
      ),
    );
  }
  const clearFilters = () => go({ province: "", category: "", scheme: [], stars: "", pkind: "", verified: false });

  function sortBar() {
    const el = h(
      "select",
      { id: "sf-sort", onchange: (e) => go({ sort: e.target.value }) },
      ["RELEVANCE", "NEWEST", ...(state.lat ? ["DISTANCE"] : [])].map((v) => h("option", { value: v, selected: state.sort === v }, t(v))),
    );
    const near = state.lat
      ? h("button", { type: "button", class: "button secondary", onclick: () => go({ lat: "", lng: "", sort: "RELEVANCE" }) }, t("nearOff"))
      : "geolocation" in navigator
        ? h("button", { type: "button", class: "button secondary", onclick: nearMe }, t("nearMe"))
        : null;
    return h("div", { class: "sort-bar" }, h("label", { for: el.id }, t("sort")), el, near);
  }
  function nearMe(event) {
    const button = event.currentTarget;
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      (p) => go({ lat: p.coords.latitude.toFixed(4), lng: p.coords.longitude.toFixed(4), sort: "DISTANCE" }),
      () => {
        button.disabled = false;
        status.textContent = t("noGeo");
      },
      { timeout: 10000, maximumAge: 600000 },
    );
  }

  function renderResults(data) {
    if (!data.edges.length) {
      const anyFilter = FILTER_KEYS.some((k) => (Array.isArray(state[k]) ? state[k].length : state[k]));
      const bare = plain(state.q);
      replace(
        results,
        emptyState(
          t("none", state.q),
          h(
            "ul",
            { class: "hints" },
            anyFilter ? h("li", null, h("button", { type: "button", class: "link-button", onclick: clearFilters }, t("hintFilters"))) : null,
            bare !== state.q ? h("li", null, h("a", { href: urlOf({ ...state, q: bare, page: 1, after: "" }) }, t("hintPlain", bare))) : null,
            state.q ? h("li", null, t("hintShorter")) : null,
          ),
        ),
      );
      return;
    }
    const prevAfter = state.page > 2 ? cursorOf(state, state.page - 1) : "";
    replace(
      results,
      sortBar(),
      h("ul", { class: "cards results" }, data.edges.map(card)),
      pager(state.page, data.pageInfo.hasNextPage, (n) =>
        n > state.page
          ? urlOf({ ...state, page: n, after: data.pageInfo.endCursor })
          : urlOf({ ...state, page: prevAfter ? n : 1, after: prevAfter }),
      ),
    );
  }

  await load(true);
  return h(
    "section",
    { class: "search-page" },
    h("h1", null, t("title")),
    h("p", { class: "meta" }, t("intro")),
    form,
    tabs,
    status,
    h("div", { class: "search-layout" }, filters, results),
  );
}

