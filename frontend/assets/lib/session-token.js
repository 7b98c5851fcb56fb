// The bearer token, kept in localStorage so a reload stays signed in.
const KEY = "coopbridge.token";

export function token() {
  return localStorage.getItem(KEY);
}
export function setToken(value) {
  localStorage.setItem(KEY, value);
}
export function clearToken() {
  localStorage.removeItem(KEY);
}
