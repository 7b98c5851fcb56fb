// The submit sequence forms share, written once: the buttons disabled and the
// form marked aria-busy while the request runs (no double submission, and
// assistive technology hears that it is working), the payload's typed errors
// shown at their fields in the reader's language, a failed request shown in
// the form's alert, and the buttons given back whatever happened.

import { localized } from "./errors-account.js";
import { showPayloadErrors } from "./ui.js";

/**
 * Runs `action(failed)` for `form` (a form, or the box holding the fields and
 * the alert the errors go to). `buttons` (one, a list, or none) are disabled
 * meanwhile, the first one reading `busyText` if given; afterwards each gets
 * back the disabled state and text it had. `failed(errors)` shows a mutation
 * payload's `errors` and returns true when there were any; an error thrown by
 * the action (an ApiError) is shown the same way.
 */
export async function submitting({ form, buttons = [], busyText = null }, action) {
  const list = [buttons].flat().filter(Boolean);
  const before = list.map((b) => ({ disabled: b.disabled, text: b.textContent }));
  for (const b of list) b.disabled = true;
  if (busyText && list.length) list[0].textContent = busyText;
  form.setAttribute("aria-busy", "true");
  try {
    await action((errors) => showPayloadErrors(form, localized(errors)));
  } catch (error) {
    showPayloadErrors(form, localized([{ code: error.code, message: error.message }]));
  } finally {
    list.forEach((b, i) => {
      b.disabled = before[i].disabled;
      if (busyText) b.textContent = before[i].text;
    });
    form.removeAttribute("aria-busy");
  }
}
