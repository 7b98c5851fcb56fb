// Inline SVG bar charts with accessible text: the SVG has a <title> and a
// <desc>, and a plain data table follows every chart (screen readers read it,
// organizers copy its numbers into Excel). Bars are horizontal, one row per
// item with its label above the bar, and sized in percentages so the text
// keeps its size from a 360-px phone to a desktop.

import { h, uid } from "./dom.js";
import { number } from "./format.js";

const SVG = "http://www.w3.org/2000/svg";

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) if (value !== null && value !== undefined) el.setAttribute(key, String(value));
  for (const child of children.flat()) if (child !== null && child !== undefined) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return el;
}

const ROW = 42; // px per bar: label line + bar
const BAR_SPAN = 82; // % of the width the longest bar may take (room for its value)

/**
 * A horizontal bar chart.
 * rows: [{ label, value, text? }] — `text` is how the value is written (default: the number).
 * options: { title, desc, max (default: the largest value), unit (added to values, e.g. "%"),
 *   target: { value, label } draws a dashed line, table: { head: [..], rows: [[..]] } the data
 *   table (default: label and value) }.
 */
export function barChart(rows, { title, desc, max, unit = "", target = null, table = null } = {}) {
  const titleId = uid("chart-title");
  const descId = uid("chart-desc");
  const top = Math.max(max ?? 0, ...rows.map((r) => r.value), target?.value ?? 0) || 1;
  const pct = (v) => `${((Math.max(0, v) / top) * BAR_SPAN).toFixed(2)}%`;
  const height = rows.length * ROW + (target ? 22 : 6);
  const svg = s(
    "svg",
    { class: "chart-svg", role: "img", "aria-labelledby": `${titleId} ${descId}`, width: "100%", height, focusable: "false" },
    s("title", { id: titleId }, title),
    s("desc", { id: descId }, desc || ""),
    rows.map((row, i) => {
      const y = i * ROW;
      const text = row.text ?? `${number(row.value)}${unit}`;
      return s(
        "g",
        { class: "chart-row" },
        s("text", { x: 0, y: y + 14, class: "chart-label" }, row.label),
        s("rect", { x: 0, y: y + 19, width: pct(row.value), height: 16, rx: 2, class: "chart-bar" }),
        // The value sits right after its bar.
        s("text", { x: pct(row.value), dx: 6, y: y + 32, class: "chart-value" }, text),
      );
    }),
    target
      ? s(
          "g",
          { class: "chart-target" },
          s("line", { x1: pct(target.value), x2: pct(target.value), y1: 16, y2: height - 18 }),
          s("text", { x: pct(target.value), y: height - 4, "text-anchor": "middle" }, target.label),
        )
      : null,
  );
  const head = table?.head || [title, unit ? unit.trim() || "" : ""];
  const bodyRows = table?.rows || rows.map((r) => [r.label, r.text ?? `${number(r.value)}${unit}`]);
  return h(
    "figure",
    { class: "chart" },
    h("figcaption", null, title),
    rows.length ? svg : null,
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "chart-table" },
        h("caption", { class: "visually-hidden" }, title),
        h("thead", null, h("tr", null, head.map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", null, bodyRows.map((r) => h("tr", null, r.map((c, i) => (i === 0 ? h("th", { scope: "row" }, c) : h("td", { class: /^[\d.,\s%/]+$/.test(String(c)) ? "num" : null }, c)))))),
      ),
    ),
  );
}
