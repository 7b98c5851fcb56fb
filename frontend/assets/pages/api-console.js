// The API console (/api): run GraphQL operations against this server without
// any third-party code — a query, variables, an optional bearer token, the
// JSON result. `GET /graphql` redirects here; the schema is at /schema.graphql.

import { h } from "../lib/dom.js";
import { strings } from "../lib/i18n.js";
import { token as signedInToken } from "../lib/session-token.js";
import { field } from "../lib/ui.js";

const t = strings({
  vi: {
    title: "Bảng thử API GraphQL",
    intro: "Gửi truy vấn GraphQL tới máy chủ này (POST /graphql). Tài liệu của từng trường nằm trong lược đồ.",
    sdl: "Lược đồ (SDL) kèm chú thích",
    examples: "Ví dụ",
    pick: "Chọn một ví dụ…",
    query: "Truy vấn",
    variables: "Biến (JSON)",
    token: "Mã truy cập (Bearer, không bắt buộc)",
    tokenHint: "Để trống để chạy như khách. Lấy mã bằng mutation signIn. Ctrl+Enter để chạy.",
    useMine: "Dùng mã của phiên đăng nhập này",
    run: "Chạy",
    running: "Đang chạy…",
    result: "Kết quả",
    badJson: "Biến không phải JSON hợp lệ.",
    status: (s, ms) => `HTTP ${s} · ${ms} ms`,
    network: "Không kết nối được máy chủ.",
  },
  en: {
    title: "GraphQL API console",
    intro: "Send GraphQL operations to this server (POST /graphql). Every field is documented in the schema.",
    sdl: "Schema (SDL) with documentation",
    examples: "Examples",
    pick: "Pick an example…",
    query: "Query",
    variables: "Variables (JSON)",
    token: "Access token (Bearer, optional)",
    tokenHint: "Leave empty to run as a guest. Get one with the signIn mutation. Ctrl+Enter runs.",
    useMine: "Use this session's token",
    run: "Run",
    running: "Running…",
    result: "Result",
    badJson: "The variables are not valid JSON.",
    status: (s, ms) => `HTTP ${s} · ${ms} ms`,
    network: "Cannot reach the server.",
  },
});

// A few of schema/examples/, to start from.
const EXAMPLES = {
  "__typename": ["{ __typename }", ""],
  "SupplierSearch": [
    `query SupplierSearch($query: String!) {
  search(query: $query, first: 10) {
    totalCount
    facets { provinces { value label count } schemes { value label count } }
    edges { kind highlight node { __typename
      ... on Product { id name priceMinVnd priceMaxVnd unit producer { name } }
      ... on Producer { id name province { name } ocopStars }
      ... on BrandLabel { id name kind } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    `{ "query": "mat ong" }`,
  ],
  "SearchSuggestions": [`query SearchSuggestions($prefix: String!) {\n  searchSuggestions(prefix: $prefix, first: 8) { text kind id }\n}`, `{ "prefix": "mat o" }`],
  "UpcomingEvents": [
    `query UpcomingEvents($provinceCode: Int) {
  events(filter: { upcoming: true, provinceCode: $provinceCode }, first: 10) {
    nodes { id title startsAt endsAt venueName boothsAvailable registrationClosesAt icalUrl }
  }
}`,
    `{ "provinceCode": 44 }`,
  ],
  "Provinces": [`query Provinces($after: String) {\n  provinces(first: 20, after: $after) {\n    nodes { code name }\n    pageInfo { hasNextPage endCursor }\n  }\n}`, `{ "after": null }`],
  "SignIn": [
    `mutation SignIn($input: SignInInput!) {\n  signIn(input: $input) { token errors { code field message } }\n}`,
    `{ "input": { "email": "thumua.vidu@example.vn", "password": "demo-coopbridge" } }`,
  ],
  "Me": ["query Me {\n  me { email displayName role organizations { id name kind } }\n}", ""],
};

export default async function apiConsole(ctx) {
  ctx.title = t("title");
  const query = h("textarea", { name: "query", rows: 12, spellcheck: "false", class: "code", value: ctx.query.get("query") || "{ __typename }" });
  // Ctrl+Enter (⌘+Enter) runs from the editors, as in other GraphQL consoles.
  const runOnCtrlEnter = (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.target.form.requestSubmit();
    }
  };
  query.addEventListener("keydown", runOnCtrlEnter);
  const vars = h("textarea", { name: "variables", rows: 4, spellcheck: "false", class: "code", value: ctx.query.get("variables") || "" });
  vars.addEventListener("keydown", runOnCtrlEnter);
  const bearer = h("input", { name: "token", type: "password", autocomplete: "off", spellcheck: "false" });
  const output = h("pre", { class: "code result", tabindex: "0", "aria-label": t("result") });
  const status = h("p", { class: "meta", role: "status", "aria-live": "polite" });
  const runButton = h("button", { class: "button", type: "submit" }, t("run"));
  const examples = h(
    "select",
    {
      id: "api-example",
      onchange: (e) => {
        const chosen = EXAMPLES[e.target.value];
        if (chosen) [query.value, vars.value] = chosen;
      },
    },
    h("option", { value: "" }, t("pick")),
    Object.keys(EXAMPLES).map((name) => h("option", { value: name }, name)),
  );

  async function run(event) {
    event.preventDefault();
    let variables = {};
    if (vars.value.trim()) {
      try {
        variables = JSON.parse(vars.value);
      } catch {
        status.textContent = t("badJson");
        vars.focus();
        return;
      }
    }
    runButton.disabled = true;
    status.textContent = t("running");
    const started = performance.now();
    try {
      const auth = bearer.value.trim();
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", ...(auth ? { Authorization: `Bearer ${auth}` } : {}) },
        body: JSON.stringify({ query: query.value, variables }),
      });
      const text = await response.text();
      let shown = text;
      try {
        shown = JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        // not JSON: show as is
      }
      output.textContent = shown;
      status.textContent = t("status", response.status, Math.round(performance.now() - started));
    } catch {
      output.textContent = "";
      status.textContent = t("network");
    } finally {
      runButton.disabled = false;
    }
  }

  return h(
    "section",
    { class: "api-console" },
    h("h1", null, t("title")),
    h("p", null, t("intro"), " ", h("a", { href: "/schema.graphql" }, t("sdl")), "."),
    h(
      "form",
      { onsubmit: run },
      h("div", { class: "field" }, h("label", { for: examples.id }, t("examples")), examples),
      field(t("query"), query),
      field(t("variables"), vars),
      field(t("token"), bearer, { hint: t("tokenHint") }),
      signedInToken()
        ? h("p", null, h("button", { type: "button", class: "button secondary", onclick: () => (bearer.value = signedInToken()) }, t("useMine")))
        : null,
      h("div", { class: "actions" }, runButton),
    ),
    h("h2", null, t("result")),
    status,
    output,
  );
}
