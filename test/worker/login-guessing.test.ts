/**
 * Password guessing is held up, the account's owner is not (worker/routes/auth.ts): attempts
 * count per account and address, per address, and per account from browsers that never
 * logged in to it; a known device of the account (its cookie) counts only for itself.
 * The address is `cf-connecting-ip`.
 */
import { describe, expect, it } from "vitest";
import { deviceToken, DEVICE_TRUST_MS, knownDevice } from "../../worker/domain/session.ts";
import { DEVICE_COOKIE } from "../../worker/middleware/session/index.ts";
import { createAccount, PASSWORD, someAddress } from "./accounts.ts";
import { api, BASE } from "./helpers.ts";

const WRONG = "wrong-password-guess";

/** A login from `address`, with the browser's known-device cookie when it has one. */
function login(email: string, password: string, address: string, device?: string): Promise<Response> {
  return api("/auth/login", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: BASE,
      "cf-connecting-ip": address,
      ...(device && { cookie: device }),
    },
    body: JSON.stringify({ email, password }),
  });
}

/** The known-device cookie ("__Host-hl_device=…") a successful login sets. */
function deviceCookie(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
  if (!cookie) throw new Error(`no device cookie in ${res.status} response`);
  return cookie.split(";")[0]!;
}

/** The statuses of `times` attempts made one after another. */
async function statuses(times: number, attempt: (i: number) => Promise<Response>): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < times; i++) seen.push((await attempt(i)).status);
  return seen;
}

/**
 * The limits count in one-minute windows aligned to the clock: a test that fills one waits,
 * when needed, so that it does not straddle two.
 */
async function roomInWindow(seconds = 20): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < seconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 250));
}

describe("guessing one account from one address", () => {
  it("is refused (429) after 5 attempts a minute, while the owner logs in from another address", { timeout: 60_000 }, async () => {
    await roomInWindow();
    const email = await createAccount("viewer", "01");
    const attacker = someAddress();
    const seen = await statuses(12, () => login(email, WRONG, attacker));
    expect(seen).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    const held = await login(email, PASSWORD, attacker);
    expect(held.status).toBe(429);
    expect(held.headers.get("retry-after")).toBe("60");
    expect(await held.json()).toMatchObject({ error: { code: "rate_limited", messageVi: expect.any(String) } });

    // The owner, elsewhere, is not held up by any of it; nor is anyone else at that address.
    expect((await login(email, PASSWORD, someAddress())).status).toBe(200);
    const neighbour = await createAccount("viewer", "01");
    expect((await login(neighbour, PASSWORD, attacker)).status).toBe(200);
    expect((await login(email, WRONG, attacker)).status).toBe(429);
  });
});

describe("guessing many accounts from one address", () => {
  it("is refused after 10 attempts a minute; the accounts' owners log in from elsewhere", { timeout: 60_000 }, async () => {
    await roomInWindow();
    const attacker = someAddress();
    const accounts = await Promise.all(Array.from({ length: 11 }, () => createAccount("viewer", "01")));
    const seen = await statuses(11, (i) => login(accounts[i]!, WRONG, attacker));
    expect(seen).toEqual([...Array(10).fill(401), 429]);
    expect((await login(accounts[0]!, PASSWORD, attacker)).status).toBe(429);
    expect((await login(accounts[10]!, PASSWORD, someAddress())).status).toBe(200);
  });
});

describe("guessing one account from many addresses", () => {
  it("is refused after 15 attempts a minute from new browsers; the owner's known browser still gets in", { timeout: 60_000 }, async () => {
    await roomInWindow();
    const email = await createAccount("manager", "00004");
    const office = someAddress();
    const first = await login(email, PASSWORD, office);
    expect(first.status).toBe(200);
    const known = deviceCookie(first);

    // 14 more attempts from new browsers at new addresses fill the account's 15 a minute.
    const seen = await statuses(16, () => login(email, WRONG, someAddress()));
    expect(seen).toEqual([...Array(14).fill(401), 429, 429]);
    // A new browser, even with the right password, waits for the minute to end...
    expect((await login(email, PASSWORD, someAddress())).status).toBe(429);
    expect((await login(email, PASSWORD, office)).status).toBe(429);
    // ...the owner's usual one does not, wherever it is.
    const owner = await login(email, PASSWORD, someAddress(), known);
    expect(owner.status).toBe(200);
    // Each login renews the known device's cookie.
    expect(deviceCookie(owner)).not.toBe(known);
    expect((await login(email, PASSWORD, office, deviceCookie(owner))).status).toBe(200);
  });

  it("a known device is held to 5 attempts a minute of its own, which hold up no one else", { timeout: 60_000 }, async () => {
    await roomInWindow();
    const email = await createAccount("viewer", "01");
    const known = deviceCookie(await login(email, PASSWORD, someAddress()));
    const seen = await statuses(7, () => login(email, WRONG, someAddress(), known));
    expect(seen).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect((await login(email, PASSWORD, someAddress(), known)).status).toBe(429);
    expect((await login(email, PASSWORD, someAddress())).status).toBe(200);
  });

  it("a known device's cookie counts only for its own account, and only as issued", { timeout: 60_000 }, async () => {
    await roomInWindow();
    const [mine, other] = [await createAccount("viewer", "01"), await createAccount("viewer", "01")];
    const mineKnown = deviceCookie(await login(mine, PASSWORD, someAddress()));
    const otherKnown = deviceCookie(await login(other, PASSWORD, someAddress()));
    await statuses(15, () => login(mine, WRONG, someAddress()));
    const [name, value] = mineKnown.split("=") as [string, string];
    const tampered = `${name}=${value.slice(0, -2)}${value.endsWith("AA") ? "BB" : "AA"}`;
    expect((await login(mine, PASSWORD, someAddress(), otherKnown)).status).toBe(429);
    expect((await login(mine, PASSWORD, someAddress(), tampered)).status).toBe(429);
    expect((await login(mine, PASSWORD, someAddress(), mineKnown)).status).toBe(200);
  });
});

describe("known-device tokens", () => {
  const now = new Date("2026-11-20T03:00:00Z");

  it("name their device for their email, under their key, for 90 days", async () => {
    const token = await deviceToken("secret", "lan@example.vn", now);
    const id = await knownDevice("secret", "lan@example.vn", token, now);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(token.startsWith(`${id}.`)).toBe(true);
    expect(await knownDevice("secret", "lan@example.vn", token, new Date(now.getTime() + DEVICE_TRUST_MS - 1000))).toBe(id);
    expect(await knownDevice("secret", "lan@example.vn", token, new Date(now.getTime() + DEVICE_TRUST_MS + 1000))).toBeNull();
    expect(await knownDevice("secret", "mai@example.vn", token, now)).toBeNull();
    expect(await knownDevice("another secret", "lan@example.vn", token, now)).toBeNull();
  });

  it("are refused when changed or malformed", async () => {
    const token = await deviceToken("secret", "lan@example.vn", now);
    const [id, issued, mac] = token.split(".") as [string, string, string];
    const later = String(Number(issued) + 86_400);
    for (const bad of [`${id}.${later}.${mac}`, `x${id}.${issued}.${mac}`, `${id}.${issued}.${mac.slice(1)}`, `${id}.${issued}`, `${token}.x`, "", "a.b.c", "a.1.!!"]) {
      expect(await knownDevice("secret", "lan@example.vn", bad, now), bad).toBeNull();
    }
    expect(await knownDevice("secret", "lan@example.vn", undefined, now)).toBeNull();
  });
});
