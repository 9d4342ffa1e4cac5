// The public HTTP API, called with the signed-in seller's token. Paths are relative to the folder above
// this file, so the console works wherever the API is mounted (locally "/", deployed "/api/").
import { current } from "./session.js";

const BASE = new URL("../", import.meta.url);

export class ApiError extends Error {
  constructor(status, code, message, body = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body; // the whole refusal, e.g. a message_policy's violations
  }
}

// `json`, when given, is sent as the request's JSON body.
export async function api(path, { method = "GET", query = {}, json } = {}) {
  const session = current();
  const url = new URL(path, BASE);
  for (const [name, value] of Object.entries(query)) if (value) url.searchParams.set(name, value);
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: { Accept: "application/json", Authorization: `Bearer ${session ? session.token : ""}`,
        ...(json === undefined ? {} : { "Content-Type": "application/json" }) },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  } catch {
    throw new ApiError(0, "NetworkError", "The service cannot be reached. Try again in a moment.");
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, body?.Code ?? `HTTP ${response.status}`, body?.Message ?? response.statusText,
      body);
  }
  return body;
}

export const sellerPath = (sellerId, ...parts) =>
  ["sellers", sellerId, ...parts].map((part) => encodeURIComponent(part)).join("/");
