// Downloads a file from a route that wants the bearer token (e.g. the
// exhibitor exports): fetch with Authorization, then save the blob under the
// server's file name (Content-Disposition) or `fallbackName`.

import { token } from "./session-token.js";

export async function downloadWithToken(url, fallbackName) {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token() || ""}` } });
  if (!response.ok) {
    let code = response.status === 401 ? "UNAUTHENTICATED" : response.status === 403 ? "FORBIDDEN" : response.status === 404 ? "NOT_FOUND" : "INTERNAL";
    try {
      code = (await response.json()).errors?.[0]?.extensions?.code || code;
    } catch {
      // not JSON: keep the status's code
    }
    throw Object.assign(new Error(`HTTP ${response.status}`), { code });
  }
  const disposition = response.headers.get("Content-Disposition") || "";
  const star = disposition.match(/filename\*=UTF-8''([^;]+)/i);
  const plain = disposition.match(/filename="?([^";]+)"?/i);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const blobUrl = URL.createObjectURL(await response.blob());
  const a = document.createElement("a");
  a.href = blobUrl;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(blobUrl), 10000);
  return name;
}
