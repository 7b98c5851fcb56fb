// The app shell: a small client-side router over the History API, the header
// (navigation by role, language switch) and the page lifecycle. Each page is a
// module under pages/ loaded on first visit, so the search page only pays for
// its own code.

import { h, replace } from "./lib/dom.js";
import { lang, setLang, strings } from "./lib/i18n.js";
import { account, signOut } from "./lib/session.js";
import { errorState, loading } from "./lib/ui.js";

const t = strings({
  vi: {
    search: "Tìm kiếm",
    fairs: "Hội chợ",
    myCooperative: "HTX của tôi",
    inquiries: "Hỏi hàng",
    dashboard: "Bảng điều khiển",
    signIn: "Đăng nhập",
    signOut: "Đăng xuất",
    switchTo: "English",
    skip: "Bỏ qua, đến nội dung chính",
    notFound: "Không có trang này.",
    home: "Về trang tìm kiếm",
    footer: "Coopbridge – kết nối hợp tác xã nông nghiệp với thị trường.",
    api: "API cho nhà phát triển",
    account: "Tài khoản",
    privacy: "Quyền riêng tư",
  },
  en: {
    search: "Search",
    fairs: "Fairs",
    myCooperative: "My cooperative",
    inquiries: "Inquiries",
    dashboard: "Dashboard",
    signIn: "Sign in",
    signOut: "Sign out",
    switchTo: "Tiếng Việt",
    skip: "Skip to main content",
    notFound: "There is no such page.",
    home: "Back to search",
    footer: "Coopbridge – linking agricultural cooperatives with markets.",
    api: "API for developers",
    account: "Account",
    privacy: "Privacy",
  },
});

/**
 * Route table: a path pattern (":name" captures a segment) and the page module.
 * A page module's default export is `async (ctx) => Node`, where ctx has
 * `params`, `query` (URLSearchParams), `account` (or null) and `navigate(url)`.
 * It may set `ctx.title`.
 */
const ROUTES = [
  ["/", () => import("./pages/search/search.js")],
  ["/search", () => import("./pages/search/search.js")],
  ["/producers/:slug", () => import("./pages/producer.js")],
  ["/products/:id", () => import("./pages/product.js")],
  ["/labels/:id", () => import("./pages/label.js")],
  ["/trace/:id", () => import("./pages/trace.js")],
  ["/fairs", () => import("./pages/fairs.js")],
  ["/fairs/:id", () => import("./pages/fair.js")],
  ["/fairs/:id/apply", () => import("./pages/fair-apply.js")],
  ["/fairs/:id/manage", () => import("./pages/fair-manage.js")],
  ["/sign-in", () => import("./pages/sign-in.js")],
  ["/privacy", () => import("./pages/privacy.js")],
  ["/me/account", () => import("./pages/account.js")],
  ["/me/cooperative", () => import("./pages/my-cooperative.js")],
  ["/me/products/new", () => import("./pages/product-editor.js")],
  ["/me/products/:id", () => import("./pages/product-editor.js")],
  ["/me/inquiries", () => import("./pages/inquiries.js")],
  ["/me/inquiries/new", () => import("./pages/inquiry-new.js")],
  ["/me/inquiries/:id", () => import("./pages/inquiry.js")],
  ["/organizer", () => import("./pages/organizer.js")],
  ["/organizer/fairs/new", () => import("./pages/fair-editor.js")],
  ["/organizer/review", () => import("./pages/organizer-review.js")],
  ["/api", () => import("./pages/api-console.js")],
];

function match(pathname) {
  const parts = pathname.replace(/\/+$/, "").split("/").slice(1);
  for (const [pattern, load] of ROUTES) {
    const want = pattern === "/" ? [] : pattern.split("/").slice(1);
    if (want.length !== (parts.length === 1 && parts[0] === "" ? 0 : parts.length)) continue;
    const params = {};
    if (want.every((seg, i) => (seg.startsWith(":") ? ((params[seg.slice(1)] = decodeURIComponent(parts[i])), true) : seg === parts[i]))) {
      return { load, params };
    }
  }
  return null;
}

export function navigate(url, { replace: replaceState = false } = {}) {
  if (replaceState) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  render({ scroll: !replaceState });
}

let renderSeq = 0;
const main = () => document.getElementById("main");

async function render({ scroll = true, focus = true } = {}) {
  const seq = ++renderSeq;
  const found = match(location.pathname);
  const acc = await account();
  renderHeader(acc);
  if (!found) {
    showPage(h("section", { class: "state state-empty" }, h("h1", null, t("notFound")), h("a", { class: "button", href: "/" }, t("home"))), "404", focus);
    return;
  }
  const ctx = { params: found.params, query: new URLSearchParams(location.search), account: acc, navigate, title: "" };
  const slow = setTimeout(() => seq === renderSeq && replace(main(), loading()), 150);
  try {
    const module = await found.load();
    const node = await module.default(ctx);
    if (seq !== renderSeq) return; // a newer navigation won
    showPage(node, ctx.title, focus && scroll);
  } catch (error) {
    if (seq !== renderSeq) return;
    console.error(error);
    showPage(errorState(error, () => render({ scroll: false })), "", false);
  } finally {
    clearTimeout(slow);
  }
  if (scroll) window.scrollTo(0, 0);
}

function showPage(node, title, focus) {
  replace(main(), node);
  document.title = title ? `${title} · Coopbridge` : "Coopbridge";
  // Move focus to the new page's heading, so screen readers announce it.
  if (focus) {
    const heading = main().querySelector("h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }
}

function renderHeader(acc) {
  const nav = document.getElementById("site-nav");
  const here = location.pathname;
  const link = (href, text) =>
    h("a", { href, "aria-current": here === href || (href !== "/" && here.startsWith(href)) ? "page" : null }, text);
  const items = [link("/", t("search")), link("/fairs", t("fairs"))];
  if (acc?.role === "COOPERATIVE_MEMBER") items.push(link("/me/cooperative", t("myCooperative")), link("/me/inquiries", t("inquiries")));
  if (acc?.role === "BUYER") items.push(link("/me/inquiries", t("inquiries")));
  if (acc?.role === "ORGANIZER" || acc?.role === "ADMIN") items.push(link("/organizer", t("dashboard")));
  if (acc) {
    items.push(link("/me/account", t("account")));
    items.push(h("button", { type: "button", class: "link-button", onclick: () => signOut().then(() => navigate("/")) }, t("signOut")));
  } else {
    items.push(link(`/sign-in?next=${encodeURIComponent(here + location.search)}`, t("signIn")));
  }
  replace(nav, items);
  const switcher = document.getElementById("lang-switch");
  switcher.textContent = t("switchTo");
  switcher.lang = lang() === "vi" ? "en" : "vi";
  document.querySelector(".skip-link").textContent = t("skip");
  replace(
    document.getElementById("site-footer"),
    h("p", null, t("footer")),
    h("p", null, h("a", { href: "/api" }, t("api")), " · ", h("a", { href: "/privacy" }, t("privacy"))),
  );
}

// Same-origin links navigate in place; downloads, new tabs and other sites do not.
document.addEventListener("click", (event) => {
  const a = event.target.closest("a");
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (a.target || a.hasAttribute("download") || a.origin !== location.origin) return;
  if (!match(a.pathname)) return; // server routes such as /files/… and /events/…/exhibitors.csv
  event.preventDefault();
  navigate(a.pathname + a.search + a.hash);
});

window.addEventListener("popstate", () => render({ scroll: false }));
window.addEventListener("coopbridge:lang", () => render({ scroll: false, focus: false }));
window.addEventListener("coopbridge:session", () => render({ scroll: false, focus: false }));
document.getElementById("lang-switch").addEventListener("click", () => setLang(lang() === "vi" ? "en" : "vi"));

// The first load leaves focus at the top (skip link first); later navigations move it to the heading.
render({ scroll: false, focus: false });
