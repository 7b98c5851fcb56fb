// Building DOM nodes without innerHTML: every piece of data becomes a text
// node, so names from the database can never inject markup.

/**
 * h("a", { href: "/x", class: "card", onclick: fn, "aria-label": "…" }, child, [more], null)
 * Children may be strings, numbers, nodes, arrays or null/undefined/false (skipped).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "class") {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : value;
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (key === "value" || key === "checked" || key === "selected") {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** An element with text containing `<mark>` highlights from the search API, kept safe. */
export function highlighted(tag, attrs, markedText) {
  const el = h(tag, attrs);
  const parts = String(markedText ?? "").split(/(<mark>|<\/mark>)/);
  let marking = false;
  for (const part of parts) {
    if (part === "<mark>") marking = true;
    else if (part === "</mark>") marking = false;
    else if (part) el.append(marking ? h("mark", null, part) : document.createTextNode(part));
  }
  return el;
}

let idCounter = 0;
/** A unique id for label/aria wiring. */
export function uid(prefix = "f") {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
