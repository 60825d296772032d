/*
 * Every browser context and API session of the tests logs in from its own client address, as
 * the officials and citizens they stand for do. Requests from the tests' own machine would
 * otherwise all count as 127.0.0.1 against the per-address limits (10 logins a minute), and
 * whether a later test may log in would depend on how fast the machine ran the earlier ones.
 * Locally, wrangler dev keeps a CF-Connecting-IP header a client sends (Cloudflare's edge
 * sets it itself).
 */
import { randomBytes } from "node:crypto";

/** A fresh address in IPv6's documentation prefix (2001:db8::/32), which no real client has. */
export function clientAddress(): string {
  const groups = randomBytes(12).toString("hex").match(/.{4}/g)!;
  return `2001:db8:${groups.slice(0, 6).join(":")}`;
}

/** The header that gives a request its client address. */
export const asClient = (address = clientAddress()) => ({ "CF-Connecting-IP": address });
