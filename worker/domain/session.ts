/*
 * How long a dashboard login lasts: it ends after IDLE_MS without a request, and in any
 * case ABSOLUTE_MS after logging in, whichever comes first. Logging out ends it at once.
 */

/** A session unused this long has expired: a working day and a lunch break. */
export const IDLE_MS = 12 * 60 * 60 * 1000;

/** No session outlives a week, however busy. */
export const ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;

/** Expiry moves forward at most this often, so that reads do not each write. */
const REFRESH_STEP_MS = 10 * 60 * 1000;

/** When a session that began at `createdAt` and is used `now` expires. */
export function expiryAfterUse(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + IDLE_MS, createdAt.getTime() + ABSOLUTE_MS));
}

/** The new expiry to store after a use, or null when the stored one is recent enough. */
export function refreshedExpiry(createdAt: Date, expiresAt: Date, now: Date): Date | null {
  const next = expiryAfterUse(createdAt, now);
  return next.getTime() - expiresAt.getTime() >= REFRESH_STEP_MS ? next : null;
}

/**
 * A session that ended (expired, or revoked at logout) is deleted once it has been over this
 * long: each login purges a bounded number of them (worker/db/sessions.ts).
 */
export const ENDED_KEPT_MS = 24 * 60 * 60 * 1000;

/*
 * A known device: a browser that has logged in to an account with its password gets a token
 * (in its own cookie, next to the session's) that says so, for that email, until DEVICE_TRUST_MS
 * after its last login there. It proves nothing by itself (the password is still needed); it
 * lets the login limits tell the account's owner from someone guessing its password elsewhere
 * (worker/routes/auth.ts). No storage: `<id>.<issued, Unix seconds>.<HMAC-SHA256>`, keyed by a
 * key derived from the worker's secret, over the email, the id and the time it was issued.
 */

/** A browser stays a known device of an account this long after its last login there. */
export const DEVICE_TRUST_MS = 90 * 24 * 60 * 60 * 1000;

const encoder = new TextEncoder();
const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
const fromBase64url = (text: string) => Uint8Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));

async function deviceKey(secret: string): Promise<CryptoKey> {
  const master = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const raw = await crypto.subtle.sign("HMAC", master, encoder.encode("hailong: known login device, v1"));
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

const signed = (email: string, id: string, issued: string) => encoder.encode(`${email}\n${id}\n${issued}`);

/** A new known-device token for this email (lower case), issued `now`. */
export async function deviceToken(secret: string, email: string, now: Date): Promise<string> {
  const id = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const issued = String(Math.floor(now.getTime() / 1000));
  const mac = await crypto.subtle.sign("HMAC", await deviceKey(secret), signed(email, id, issued));
  return `${id}.${issued}.${base64url(new Uint8Array(mac))}`;
}

/** The device's id if `token` is a live known-device token for this email, else null. */
export async function knownDevice(secret: string, email: string, token: string | undefined, now: Date): Promise<string | null> {
  const [id, issued, mac, ...rest] = token?.split(".") ?? [];
  if (!id || !issued || !mac || rest.length || !/^\d{1,12}$/.test(issued)) return null;
  if (now.getTime() - Number(issued) * 1000 > DEVICE_TRUST_MS) return null;
  let proof: Uint8Array;
  try {
    proof = fromBase64url(mac);
  } catch {
    return null;
  }
  const valid = await crypto.subtle.verify("HMAC", await deviceKey(secret), proof as BufferSource, signed(email, id, issued));
  return valid ? id : null;
}
