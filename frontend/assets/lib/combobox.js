// An accessible autocomplete (WAI-ARIA combobox with a listbox popup) on a
// text input: suggestions fetched as the user types (debounced, stale answers
// dropped), ↑/↓ to move, Enter to choose, Escape to close, click to choose.
// Enter with no active option leaves the input's form to submit as usual.

import { h, replace, uid } from "./dom.js";

/**
 * combobox(input, { fetch(prefix) → Promise<items>, render(item) → children, choose(item) })
 * The input must sit in a positioned wrapper (CSS `.combo`), where the list is added.
 */
export function combobox(input, { fetch, render, choose, delay = 200, minLength = 2 }) {
  const listId = uid("listbox");
  const list = h("ul", { id: listId, role: "listbox", class: "combo-list", hidden: true });
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  input.after(list);
  let items = [];
  let active = -1;
  let timer = 0;
  let seq = 0;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function show(found) {
    items = found;
    active = -1;
    if (!items.length) return close();
    replace(
      list,
      items.map((item, i) =>
        h(
          "li",
          {
            id: `${listId}-${i}`,
            role: "option",
            "aria-selected": "false",
            // mousedown, not click: the input must not lose focus (and close the list) first.
            onmousedown: (e) => {
              e.preventDefault();
              pick(i);
            },
          },
          render(item),
        ),
      ),
    );
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function move(to) {
    if (list.hidden || !items.length) return;
    active = (to + items.length) % items.length;
    list.querySelectorAll("[role=option]").forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    const li = list.children[active];
    input.setAttribute("aria-activedescendant", li.id);
    li.scrollIntoView({ block: "nearest" });
  }

  function pick(i) {
    const item = items[i];
    close();
    if (item) choose(item);
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const prefix = input.value.trim();
    if (prefix.length < minLength) {
      seq += 1;
      return close();
    }
    timer = setTimeout(async () => {
      const mine = ++seq;
      try {
        const found = await fetch(prefix);
        if (mine === seq && document.activeElement === input) show(found);
      } catch {
        if (mine === seq) close(); // suggestions are a help, never an error page
      }
    }, delay);
  });

  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      move(active + 1);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      move(active - 1);
    } else if (e.key === "Enter" && !list.hidden && active >= 0) {
      e.preventDefault();
      pick(active);
    } else if (e.key === "Enter") {
      clearTimeout(timer);
      seq += 1; // the form submits: late suggestions must not pop up over the results
      close();
    } else if (e.key === "Escape" && !list.hidden) {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
}
