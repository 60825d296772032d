import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createUserSql, userRow } from "../../worker/db/users.ts";
import { sha256Hex } from "../../worker/domain/digest.ts";
import { clientFor, createAccount, loginAs, PASSWORD, postLogin, sessionCookie } from "./accounts.ts";
import { api, BASE } from "./helpers.ts";

const sessionId = async (cookie: string) => sha256Hex(cookie.slice("hl_session=".length));

describe("logging in", () => {
  it("sets an HttpOnly, SameSite=Lax, Secure session cookie and answers the account", async () => {
    const email = await createAccount("manager", "00004", "Nguyễn Thị Lan");
    const res = await postLogin(email.toUpperCase(), PASSWORD);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      user: { email, name: "Nguyễn Thị Lan", role: "manager", unit: { code: "00004", name: "Phường Ba Đình", kind: "phuong" } },
    });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^hl_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
  });

  it("stores only the hash of the token", async () => {
    const email = await createAccount("viewer", "01");
    const cookie = sessionCookie(await postLogin(email, PASSWORD));
    const token = cookie.slice("hl_session=".length);
    const rows = await env.DB.prepare("SELECT id FROM sessions WHERE id = ?1 OR id = ?2").bind(token, await sessionId(cookie)).all<{ id: string }>();
    expect(rows.results.map((r) => r.id)).toEqual([await sessionId(cookie)]);
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const email = await createAccount("viewer", "01");
    const wrong = await postLogin(email, "not-the-password");
    const unknown = await postLogin("nobody@example.vn", PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a).toEqual(b);
    expect(a).toMatchObject({ error: { code: "invalid_credentials" } });
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a disabled account", async () => {
    const email = await createAccount("admin", "VN");
    await env.DB.prepare("UPDATE users SET disabled = 1 WHERE email = ?1").bind(email).run();
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

  it("rate limits attempts on one account", async () => {
    const email = await createAccount("viewer", "01");
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await postLogin(email, "wrong-password-guess")).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const limited = await postLogin(email, PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
  });

  it("logs in an account made by admin:create's SQL", async () => {
    const email = `admin.${crypto.randomUUID().slice(0, 8)}@example.vn`;
    const sql = createUserSql(await userRow({ email, name: "Quản trị O'Brien", password: PASSWORD, role: "admin", unit: "VN" }));
    expect(sql).not.toContain(PASSWORD);
    await env.DB.prepare(sql).run();
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
    const forged = await api("/auth/me", { headers: { cookie: "hl_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" } });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: "unauthenticated", messageVi: expect.any(String) } });
  });

  it("ends at logout: the same cookie no longer works", async () => {
    const client = await loginAs("manager", "01");
    const out = await client.send("POST", "/auth/logout");
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/hl_session=;.*Max-Age=0/);
    expect((await client.get("/auth/me")).status).toBe(401);
    const row = await env.DB.prepare("SELECT revoked_at FROM sessions WHERE id = ?1").bind(await sessionId(client.cookie)).first<{ revoked_at: string | null }>();
    expect(row?.revoked_at).not.toBeNull();
  });

  it("expires: a session past its expiry gets 401", async () => {
    const client = await loginAs("viewer", "01");
    expect((await client.get("/auth/me")).status).toBe(200);
    await env.DB.prepare("UPDATE sessions SET expires_at = ?2 WHERE id = ?1").bind(await sessionId(client.cookie), new Date(Date.now() - 1000).toISOString()).run();
    expect((await client.get("/auth/me")).status).toBe(401);
  });

  it("moves the idle expiry forward with use, never past a week after login", async () => {
    const client = await loginAs("viewer", "01");
    const id = await sessionId(client.cookie);
    const createdAt = new Date(Date.now() - 6.9 * 24 * 3600 * 1000);
    await env.DB.prepare("UPDATE sessions SET created_at = ?2, expires_at = ?3 WHERE id = ?1")
      .bind(id, createdAt.toISOString(), new Date(Date.now() + 60_000).toISOString())
      .run();
    expect((await client.get("/auth/me")).status).toBe(200);
    const row = await env.DB.prepare("SELECT expires_at FROM sessions WHERE id = ?1").bind(id).first<{ expires_at: string }>();
    expect(row?.expires_at).toBe(new Date(createdAt.getTime() + 7 * 24 * 3600 * 1000).toISOString());
  });

  it("ends when the account is disabled", async () => {
    const client = await loginAs("manager", "01");
    await env.DB.prepare("UPDATE users SET disabled = 1 WHERE email = ?1").bind(client.email).run();
    expect((await client.get("/auth/me")).status).toBe(401);
  });

  it("refuses a logout sent from another site (CSRF)", async () => {
    const client = await loginAs("viewer", "01");
    const res = await api("/auth/logout", { method: "POST", headers: { cookie: client.cookie, origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect((await clientFor(client.email, client.cookie).get("/auth/me")).status).toBe(200);
  });
});
