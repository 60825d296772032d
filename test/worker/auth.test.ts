import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { checkCredentials, createUserSql, userRow } from "../../worker/db/users.ts";
import { sha256Hex } from "../../worker/domain/digest.ts";
import { hashParameters, verifyPassword } from "../../worker/domain/password.ts";
import { DEVICE_COOKIE, SESSION_COOKIE } from "../../worker/middleware/session/index.ts";
import { clientFor, createAccount, loginAs, PASSWORD, postLogin, sessionCookie, someAddress } from "./accounts.ts";
import { api, BASE, store } from "./helpers.ts";

const sessionId = async (cookie: string) => sha256Hex(cookie.slice(`${SESSION_COOKIE}=`.length));

/** A login posted to the worker at `origin` (its own origin), as a browser on that page sends it. */
function loginAt(origin: string, email: string, password: string): Promise<Response> {
  return exports.default.fetch(
    new Request(`${origin}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, "cf-connecting-ip": someAddress() },
      body: JSON.stringify({ email, password }),
    }),
  );
}

/** Each Set-Cookie of a response by cookie name. */
const setCookies = (res: Response) => new Map(res.headers.getSetCookie().map((c) => [c.slice(0, c.indexOf("=")), c]));

describe("logging in", () => {
  it("sets a __Host- session cookie (Secure, Path=/, no Domain), HttpOnly, SameSite=Lax, and answers the account", async () => {
    const email = await createAccount("manager", "00004", "Nguyễn Thị Lan");
    const res = await postLogin(email.toUpperCase(), PASSWORD);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      user: { email, name: "Nguyễn Thị Lan", role: "manager", unit: { code: "00004", name: "Phường Ba Đình", kind: "phuong" } },
    });
    const cookie = setCookies(res).get(SESSION_COOKIE) ?? "";
    expect(SESSION_COOKIE).toBe("__Host-hl_session");
    expect(cookie).toMatch(/^__Host-hl_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).not.toMatch(/Domain=/i);
    // The browser becomes a known device of the account (test/worker/login-guessing.test.ts).
    const device = setCookies(res).get(DEVICE_COOKIE) ?? "";
    expect(device).toMatch(/^__Host-hl_device=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
  });

  it("takes the same __Host- cookie on loopback, which browsers treat as a secure context", async () => {
    for (const origin of ["http://127.0.0.1:8787", "http://localhost:8787"]) {
      const email = await createAccount("viewer", "01");
      const res = await loginAt(origin, email, PASSWORD);
      expect(res.status, origin).toBe(200);
      const cookie = setCookies(res).get(SESSION_COOKIE) ?? "";
      expect(cookie, origin).toMatch(/; Secure/);
      expect(cookie, origin).toMatch(/; Path=\//);
      const me = await exports.default.fetch(new Request(`${origin}/api/v1/auth/me`, { headers: { cookie: cookie.split(";")[0]! } }));
      expect(me.status, origin).toBe(200);
    }
  });

  it("refuses plain http on any other host, where a browser would drop a Secure cookie and the token would travel in clear", async () => {
    const email = await createAccount("viewer", "01");
    const res = await loginAt("http://hailong.example", email, PASSWORD);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "https_required", message: expect.stringContaining("https://hailong.example/dashboard/") } });
    expect(res.headers.get("set-cookie")).toBeNull();
    // Nor does a session made over https work over plain http.
    const cookie = sessionCookie(await postLogin(email, PASSWORD));
    const me = await exports.default.fetch(new Request("http://hailong.example/api/v1/auth/me", { headers: { cookie } }));
    expect(me.status).toBe(403);
    expect(await me.json()).toMatchObject({ error: { code: "https_required" } });
  });

  it("stores only the hash of the token", async () => {
    const email = await createAccount("viewer", "01");
    const cookie = sessionCookie(await postLogin(email, PASSWORD));
    const token = cookie.slice(`${SESSION_COOKIE}=`.length);
    const rows = await env.CATALOG.prepare("SELECT id FROM sessions WHERE id = ?1 OR id = ?2").bind(token, await sessionId(cookie)).all<{ id: string }>();
    expect(rows.results.map((r) => r.id)).toEqual([await sessionId(cookie)]);
  });

  it("answers a wrong password, an unknown email and a disabled account the same way", async () => {
    const email = await createAccount("viewer", "01");
    const disabled = await createAccount("viewer", "01");
    await env.CATALOG.prepare("UPDATE users SET disabled = 1 WHERE email = ?1").bind(disabled).run();
    const answers = [await postLogin(email, "not-the-password"), await postLogin("nobody@example.vn", PASSWORD), await postLogin(disabled, PASSWORD)];
    const seen = await Promise.all(
      answers.map(async (res) => ({
        status: res.status,
        body: await res.json(),
        headers: [...res.headers].filter(([name]) => name !== "date"),
      })),
    );
    expect(seen[0]).toMatchObject({ status: 401, body: { error: { code: "invalid_credentials", message: "The email or the password is wrong." } } });
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    expect(answers[0]!.headers.get("set-cookie")).toBeNull();
  });

  it("checks the password of an unknown or disabled account just as hard as a wrong one", async () => {
    const email = await createAccount("viewer", "01");
    const disabled = await createAccount("viewer", "01");
    await env.CATALOG.prepare("UPDATE users SET disabled = 1 WHERE email = ?1").bind(disabled).run();
    const stored = await env.CATALOG.prepare("SELECT password_hash AS hash FROM users WHERE email = ?1").bind(email).first<{ hash: string }>();
    const checks: { stored: string; matched: boolean }[] = [];
    const recording = async (password: string, hash: string) => {
      const matched = await verifyPassword(password, hash);
      checks.push({ stored: hash, matched });
      return matched;
    };
    expect(await checkCredentials(store(), email, "not-the-password", recording)).toBeNull();
    expect(await checkCredentials(store(), "nobody@example.vn", PASSWORD, recording)).toBeNull();
    expect(await checkCredentials(store(), disabled, PASSWORD, recording)).toBeNull();
    expect(await checkCredentials(store(), email, PASSWORD, recording)).toMatchObject({ email });
    // One full check each time, against a hash with the same parameters as a stored one
    // (scheme, iterations, salt and hash lengths): the same work, so the same time.
    expect(checks.map((c) => c.matched)).toEqual([false, false, false, true]);
    const real = hashParameters(stored!.hash);
    expect(real).toMatchObject({ scheme: "pbkdf2-sha256", iterations: 100_000, saltBytes: 16, hashBytes: 32 });
    for (const check of checks) expect(hashParameters(check.stored)).toEqual(real);
  });

  it("refuses a disabled account", async () => {
    const email = await createAccount("admin", "VN");
    await env.CATALOG.prepare("UPDATE users SET disabled = 1 WHERE email = ?1").bind(email).run();
    expect((await postLogin(email, PASSWORD)).status).toBe(401);
  });

  it("validates the body and refuses a login posted from another site", async () => {
    const bad = await api("/auth/login", { method: "POST", headers: { "content-type": "application/json", origin: BASE }, body: JSON.stringify({ email: "x" }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid", fields: { email: expect.any(String), password: expect.any(String) } } });
    const email = await createAccount("viewer", "01");
    const cross = await api("/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(cross.status).toBe(403);
    expect(await cross.json()).toMatchObject({ error: { code: "cross_origin" } });
  });

  it("logs in an account made by admin:create's SQL", async () => {
    const email = `admin.${crypto.randomUUID().slice(0, 8)}@example.vn`;
    const sql = createUserSql(await userRow({ email, name: "Quản trị O'Brien", password: PASSWORD, role: "admin", unit: "VN" }));
    expect(sql).not.toContain(PASSWORD);
    await env.CATALOG.prepare(sql).run();
    const res = await postLogin(email, PASSWORD);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { name: "Quản trị O'Brien", role: "admin", unit: { code: "VN" } } });
  });
});

describe("the session", () => {
  it("answers /auth/me while live, and 401 without a cookie or with a made-up one", async () => {
    const client = await loginAs("viewer", "00004");
    const me = await client.get("/auth/me");
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: client.email, role: "viewer" } });
    expect((await api("/auth/me")).status).toBe(401);
    const forged = await api("/auth/me", { headers: { cookie: `${SESSION_COOKIE}=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` } });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: "unauthenticated", messageVi: expect.any(String) } });
  });

  it("ends at logout: the same cookie no longer works", async () => {
    const client = await loginAs("manager", "01");
    const out = await client.send("POST", "/auth/logout");
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/^__Host-hl_session=; Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect((await client.get("/auth/me")).status).toBe(401);
    const row = await env.CATALOG.prepare("SELECT revoked_at FROM sessions WHERE id = ?1").bind(await sessionId(client.cookie)).first<{ revoked_at: string | null }>();
    expect(row?.revoked_at).not.toBeNull();
  });

  it("expires: a session past its expiry gets 401", async () => {
    const client = await loginAs("viewer", "01");
    expect((await client.get("/auth/me")).status).toBe(200);
    await env.CATALOG.prepare("UPDATE sessions SET expires_at = ?2 WHERE id = ?1").bind(await sessionId(client.cookie), new Date(Date.now() - 1000).toISOString()).run();
    expect((await client.get("/auth/me")).status).toBe(401);
  });

  it("moves the idle expiry forward with use, never past a week after login", async () => {
    const client = await loginAs("viewer", "01");
    const id = await sessionId(client.cookie);
    const createdAt = new Date(Date.now() - 6.9 * 24 * 3600 * 1000);
    await env.CATALOG.prepare("UPDATE sessions SET created_at = ?2, expires_at = ?3 WHERE id = ?1")
      .bind(id, createdAt.toISOString(), new Date(Date.now() + 60_000).toISOString())
      .run();
    expect((await client.get("/auth/me")).status).toBe(200);
    const row = await env.CATALOG.prepare("SELECT expires_at FROM sessions WHERE id = ?1").bind(id).first<{ expires_at: string }>();
    expect(row?.expires_at).toBe(new Date(createdAt.getTime() + 7 * 24 * 3600 * 1000).toISOString());
  });

  it("ends when the account is disabled", async () => {
    const client = await loginAs("manager", "01");
    await env.CATALOG.prepare("UPDATE users SET disabled = 1 WHERE email = ?1").bind(client.email).run();
    expect((await client.get("/auth/me")).status).toBe(401);
  });

  it("refuses a logout sent from another site (CSRF)", async () => {
    const client = await loginAs("viewer", "01");
    const res = await api("/auth/logout", { method: "POST", headers: { cookie: client.cookie, origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect((await clientFor(client.email, client.cookie).get("/auth/me")).status).toBe(200);
  });

  it("is deleted a day after it ended (expired or revoked), at a later login", async () => {
    const email = await createAccount("viewer", "01");
    const { id: userId } = (await env.CATALOG.prepare("SELECT id FROM users WHERE email = ?1").bind(email).first<{ id: number }>())!;
    const now = Date.now();
    const at = (hours: number) => new Date(now + hours * 3600_000).toISOString();
    const rows = {
      expiredTwoDaysAgo: [at(-72), at(-48), null],
      revokedTwoDaysAgo: [at(-72), at(+24), at(-48)],
      expiredAnHourAgo: [at(-13), at(-1), null],
      revokedAnHourAgo: [at(-2), at(+10), at(-1)],
      live: [at(-1), at(+11), null],
    };
    for (const [id, [created, expires, revoked]] of Object.entries(rows)) {
      await env.CATALOG.prepare("INSERT INTO sessions (id, user_id, created_at, expires_at, revoked_at) VALUES (?1, ?2, ?3, ?4, ?5)").bind(`purge-${id}`, userId, created, expires, revoked).run();
    }
    // Any account's login purges them; this one's, with a new session of its own.
    expect((await postLogin(email, PASSWORD)).status).toBe(200);
    const left = await env.CATALOG.prepare("SELECT id FROM sessions WHERE id LIKE 'purge-%' ORDER BY id").all<{ id: string }>();
    expect(left.results.map((r) => r.id)).toEqual(["purge-expiredAnHourAgo", "purge-live", "purge-revokedAnHourAgo"]);
    const own = await env.CATALOG.prepare("SELECT count(*) AS n FROM sessions WHERE user_id = ?1").bind(userId).first<{ n: number }>();
    expect(own?.n).toBe(4);
  });

  it("purges at most 100 ended sessions per login, so a login stays quick however many there are", async () => {
    const email = await createAccount("viewer", "01");
    const { id: userId } = (await env.CATALOG.prepare("SELECT id FROM users WHERE email = ?1").bind(email).first<{ id: number }>())!;
    const old = new Date(Date.now() - 3 * 24 * 3600_000).toISOString();
    await env.CATALOG.batch(
      Array.from({ length: 150 }, (_, i) =>
        env.CATALOG.prepare("INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?3)").bind(`bulk-${i}`, userId, old),
      ),
    );
    const bulk = () => env.CATALOG.prepare("SELECT count(*) AS n FROM sessions WHERE id LIKE 'bulk-%'").first<{ n: number }>().then((r) => r?.n);
    await loginAs("viewer", "01");
    expect(await bulk()).toBe(50);
    await loginAs("viewer", "01");
    expect(await bulk()).toBe(0);
  });
});
