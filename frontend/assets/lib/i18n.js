// Vietnamese first, English on a switch. Each page keeps its own strings next
// to its code: `const t = strings({ vi: {...}, en: {...} })`, then `t("key", arg)`.
// A value may be a function of the arguments (plurals, numbers).

const STORAGE_KEY = "coopbridge.lang";
const LANGS = ["vi", "en"];
let current = LANGS.includes(localStorage.getItem(STORAGE_KEY)) ? localStorage.getItem(STORAGE_KEY) : "vi";

export function lang() {
  return current;
}

/** Switches language, remembers it, and tells the app to render again. */
export function setLang(next) {
  if (!LANGS.includes(next) || next === current) return;
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  window.dispatchEvent(new CustomEvent("coopbridge:lang"));
}

/** A translator over the given dictionaries; a missing English string falls back to Vietnamese. */
export function strings(dicts) {
  return (key, ...args) => {
    const value = dicts[current]?.[key] ?? dicts.vi?.[key];
    if (value === undefined) {
      console.warn(`missing string "${key}"`);
      return key;
    }
    return typeof value === "function" ? value(...args) : value;
  };
}

/** Picks the current language's entry of `{ vi, en }`. */
export function pick(pair) {
  return pair[current] ?? pair.vi;
}

document.documentElement.lang = current;
