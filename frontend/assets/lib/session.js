// Who is signed in. `account()` asks the API once per page load (and again
// after sign-in/out); pages use it to show the right actions.

import { USER_ERRORS, gql } from "./api.js";
import { clearToken, setToken, token } from "./session-token.js";

const ME = `{ me { id email displayName role organizations { id kind name provinceCode } } }`;
let cached = null;

/** The signed-in account `{ id email displayName role organizations[] }`, or null. */
export async function account() {
  if (!token()) return null;
  if (!cached) cached = gql(ME).then((d) => d.me).catch(() => null);
  return cached;
}

/** Signs in; returns the payload's `errors` (empty on success). */
export async function signIn(email, password) {
  const data = await gql(
    `mutation SignIn($input: SignInInput!) {
      signIn(input: $input) { token ${USER_ERRORS} }
    }`,
    { input: { email, password } },
  );
  const payload = data.signIn;
  if (payload.token) {
    setToken(payload.token);
    cached = null;
    window.dispatchEvent(new CustomEvent("coopbridge:session"));
  }
  return payload.errors || [];
}

export async function signOut() {
  try {
    await gql(`mutation { signOut { signedOut } }`);
  } catch {
    // Signing out locally is what matters; the token may already be gone.
  }
  clearToken();
  cached = null;
  window.dispatchEvent(new CustomEvent("coopbridge:session"));
}

window.addEventListener("coopbridge:session", () => {
  if (!token()) cached = null;
});

/** The organizations of `kind` the account belongs to. */
export function organizationsOf(acc, kind) {
  return (acc?.organizations || []).filter((o) => o.kind === kind);
}
