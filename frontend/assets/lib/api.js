// The one way the UI talks to the server: GraphQL over POST /graphql.
// Errors come back as ApiError with the API's stable `code` (and `field` for
// input errors), so pages can show a designed message instead of a blank.

import { clearToken, token } from "./session-token.js";

export class ApiError extends Error {
  constructor(code, message, { field = null, status = 0, errors = [] } = {}) {
    super(message);
    this.code = code;
    this.field = field;
    this.status = status;
    this.errors = errors;
  }
}

async function post(body, headers) {
  const auth = token();
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { Accept: "application/json", ...(auth ? { Authorization: `Bearer ${auth}` } : {}), ...headers },
      body,
    });
  } catch (e) {
    throw new ApiError("NETWORK", e.message || "network error");
  }
  let json = null;
  try {
    json = await response.json();
  } catch {
    throw new ApiError(response.status >= 500 ? "INTERNAL" : "NETWORK", `HTTP ${response.status}`, {
      status: response.status,
    });
  }
  if (response.status === 401 && auth) {
    // The session expired or was revoked elsewhere: forget it and tell the app.
    clearToken();
    window.dispatchEvent(new CustomEvent("coopbridge:session"));
  }
  if (json.errors?.length) {
    const first = json.errors[0];
    throw new ApiError(first.extensions?.code || "INTERNAL", first.message, {
      field: first.extensions?.field ?? null,
      status: response.status,
      errors: json.errors,
    });
  }
  return json.data;
}

/**
 * The selection of every mutation payload's `errors` (the API's UserError):
 * interpolate it as `${USER_ERRORS}` so all forms get the same typed errors.
 */
export const USER_ERRORS = "errors { code field message }";

/** Runs a query or mutation; resolves to `data`, rejects with ApiError. */
export function gql(query, variables = {}) {
  return post(JSON.stringify({ query, variables }), { "Content-Type": "application/json" });
}

/**
 * Uploads a file for an organization (GraphQL multipart request) and returns
 * `{ file { id url contentType byteSize }, errors }` of the `uploadFile` payload.
 */
export async function uploadFile(organizationId, purpose, file) {
  const query = `mutation Upload($org: ID!, $purpose: FilePurpose!, $file: Upload!) {
    uploadFile(organizationId: $org, purpose: $purpose, file: $file) {
      file { id url contentType byteSize }
      ${USER_ERRORS}
    }
  }`;
  const form = new FormData();
  form.append("operations", JSON.stringify({ query, variables: { org: organizationId, purpose, file: null } }));
  form.append("map", JSON.stringify({ 0: ["variables.file"] }));
  form.append("0", file, file.name);
  const data = await post(form, {});
  return data.uploadFile;
}

/** Mutation payloads carry `errors { code field message }`: a map field → message for forms. */
export function fieldErrors(errors) {
  const byField = {};
  for (const e of errors || []) byField[e.field || "_"] = e.message;
  return byField;
}
