// The privacy statement (/privacy), linked from every page's footer: what is
// collected, why, who sees it, how long it is kept, and how to use each right.

import { h } from "../lib/dom.js";
import { pick } from "../lib/i18n.js";
import { takeFlash } from "../lib/flash.js";
import { PRIVACY } from "./privacy-text.js";

export default async function privacyPage(ctx) {
  const text = pick(PRIVACY);
  ctx.title = text.title;
  return h(
    "article",
    { class: "privacy" },
    takeFlash(),
    h("h1", null, text.title),
    h("p", null, text.intro),
    text.sections.map((s) => h("section", null, h("h2", null, s.heading), h("ul", null, s.items.map((item) => h("li", null, item))))),
  );
}
