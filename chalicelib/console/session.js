// The signed-in seller: the token kept in this tab's sessionStorage and the claims it carries.
// The claims are read for display only; the API checks the token and what it may reach.
const KEY = "csba-console-token";

export class SignInRefused extends Error {}

export function claimsOf(token) {
  const parts = token.split(".");
  if (parts.length !== 3) throw new SignInRefused("This is not a token: a token has three parts separated by dots.");
  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const text = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    return JSON.parse(text);
  } catch {
    throw new SignInRefused("This token cannot be read: copy it again, whole.");
  }
}

export function signIn(pasted) {
  const token = pasted.trim().replace(/^Bearer\s+/i, "");
  const claims = claimsOf(token);
  if (claims.role !== "seller") throw new SignInRefused("This console is for sellers: the token is for another role.");
  if (typeof claims.exp === "number" && claims.exp * 1000 < Date.now()) {
    throw new SignInRefused("This token has expired: ask for a new one.");
  }
  sessionStorage.setItem(KEY, token);
  return claims;
}

export function current() {
  const token = sessionStorage.getItem(KEY);
  if (!token) return null;
  try {
    return { token, sellerId: claimsOf(token).sub };
  } catch {
    signOut();
    return null;
  }
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}
