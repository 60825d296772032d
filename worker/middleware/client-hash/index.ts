import { createMiddleware } from "hono/factory";
import { toHex } from "../../domain/digest.ts";
import { vnDay } from "../../domain/vn-time.ts";
import type { AppEnv } from "../../env.ts";

const encoder = new TextEncoder();

/** The day's key, derived from the secret; kept per isolate until the Viet Nam day changes. */
let dayKey: { day: string; secret: string; key: Promise<CryptoKey> } | undefined;

function keyFor(secret: string, day: string): Promise<CryptoKey> {
  if (dayKey?.day !== day || dayKey.secret !== secret) {
    const key = crypto.subtle
      .importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
      .then((master) => crypto.subtle.sign("HMAC", master, encoder.encode(day)))
      .then((raw) => crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]));
    dayKey = { day, secret, key };
  }
  return dayKey.key;
}

/**
 * Sets `clientHash`: an HMAC of the client address under a key that changes every Viet Nam
 * day. It lets rate limits and abuse checks tell clients apart within a day; the address is
 * never stored, and yesterday's hashes cannot be linked to today's.
 */
export const clientHash = createMiddleware<AppEnv>(async (c, next) => {
  const address = c.req.header("cf-connecting-ip") ?? "unknown";
  const key = await keyFor(c.env.CLIENT_HASH_SECRET, vnDay(new Date()));
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(address));
  c.set("clientHash", toHex(mac).slice(0, 32));
  await next();
});
