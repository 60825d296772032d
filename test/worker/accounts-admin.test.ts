/**
 * Accounts administered in the dashboard: who may list, create, change and re-invite which
 * accounts (scope and the role ceiling), the one-time link (single use, 72 hours, the old one
 * dies with a new one), disabling (sessions end at once), and bad input that changes nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation } from "../../worker/db/invitations.ts";
import type { Account } from "../../worker/domain/accounts.ts";
import { sha256Hex } from "../../worker/domain/digest.ts";
import { INVITATION_VALID_MS } from "../../worker/domain/invitation.ts";
import { hashPassword } from "../../worker/domain/password.ts";
import { clientFor, loginAs, PASSWORD, postLogin, sessionCookie, someAddress, type Client } from "./accounts.ts";
import { api, BASE, catalog, store } from "./helpers.ts";

const OWN = "00004"; // Phường Ba Đình, Hà Nội
const OTHER = "00008"; // Phường Ngọc Hà, Hà Nội: a sibling commune

let viewer: Client;
let otherManager: Client;
let manager: Client;
let admin: Client;

beforeAll(async () => {
  viewer = await loginAs("viewer", OWN);
  otherManager = await loginAs("manager", OTHER);
  manager = await loginAs("manager", OWN);
  admin = await loginAs("admin", "01");
});

interface Created {
  account: Account;
  invitation: { link: string; expiresAt: string };
}

const newEmail = (tag = "tk") => `${tag}.${crypto.randomUUID().slice(0, 8)}@ubnd.example.vn`;

/** Creates an account through the API as `by`; fails the test unless it is created. */
async function create(by: Client, role = "viewer", unit = OWN): Promise<Created> {
  const res = await by.send("POST", "/accounts", { email: newEmail(), name: "Trần Văn Bình", role, unit });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Created;
}

const tokenOf = (link: string) => new URL(link).hash.slice("#invite=".length);

/** Sets the password through the link, as the invitation page does. */
const accept = (token: string, password = PASSWORD) =>
  api("/invitations/accept", {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE, "cf-connecting-ip": someAddress() },
    body: JSON.stringify({ token, password }),
  });

/** Everything an account change could touch, to prove a refusal touched nothing. */
async function accountsState(): Promise<string> {
  const db = catalog();
  const rows = await db.batch(["users", "invitations", "sessions", "audit_log"].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1`)));
  return JSON.stringify(rows.map((r) => r.results));
}

describe("each route, as each kind of account", () => {
  type Route = { name: string; call: (c: Client, target: Account) => Promise<Response>; ok: number };
  const ROUTES: Route[] = [
    { name: "list", call: (c) => c.get(`/accounts?unit=${OWN}`), ok: 200 },
    { name: "create", call: (c) => c.send("POST", "/accounts", { email: newEmail(), name: "Lê Thị Hoa", role: "viewer", unit: OWN }), ok: 201 },
    { name: "change", call: (c, t) => c.send("PATCH", `/accounts/${t.id}`, { name: `Lê Thị Hoa ${crypto.randomUUID().slice(0, 4)}` }), ok: 200 },
    { name: "disable", call: (c, t) => c.send("PATCH", `/accounts/${t.id}`, { disabled: !t.disabled }), ok: 200 },
    { name: "new link", call: (c, t) => c.send("POST", `/accounts/${t.id}/invitation`), ok: 200 },
  ];

  it.each(ROUTES)("$name: refused for a viewer, changing nothing", async (route) => {
    const { account } = await create(manager);
    const before = await accountsState();
    const res = await route.call(viewer, account);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "accounts_restricted", message: expect.any(String), messageVi: expect.any(String) } });
    expect(await accountsState()).toBe(before);
  });

  it.each(ROUTES)("$name: refused for the manager of another commune, changing nothing", async (route) => {
    const { account } = await create(manager);
    const before = await accountsState();
    const res = await route.call(otherManager, account);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "out_of_scope" } });
    expect(await accountsState()).toBe(before);
  });

  it.each(ROUTES)("$name: allowed for the unit's manager and for an admin above it", async (route) => {
    for (const client of [manager, admin]) {
      const { account } = await create(manager);
      const res = await route.call(client, account);
      expect(res.status, await res.clone().text()).toBe(route.ok);
    }
  });

  it.each(ROUTES)("$name: 401 without a session, 403 from another site", async (route) => {
    const { account } = await create(manager);
    expect((await route.call(clientFor("", ""), account)).status).toBe(401);
    if (route.name === "list") return;
    const crossSite: Client = {
      ...manager,
      send: (method, path, body) =>
        api(path, { method, headers: { cookie: manager.cookie, origin: "https://evil.example", "content-type": "application/json" }, body: JSON.stringify(body ?? {}) }),
    };
    const before = await accountsState();
    const res = await route.call(crossSite, account);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "cross_origin" } });
    expect(await accountsState()).toBe(before);
  });

  it("lists the subtree's accounts with role, unit, last login and a pending link", async () => {
    const { account } = await create(manager);
    const { accounts } = (await (await manager.get(`/accounts?unit=${OWN}`)).json()) as { accounts: Account[] };
    const listed = accounts.find((a) => a.id === account.id)!;
    expect(listed).toMatchObject({ role: "viewer", unit: { code: OWN, name: "Phường Ba Đình" }, disabled: false, lastLoginAt: null, invitation: { expired: false } });
    const self = accounts.find((a) => a.email === manager.email)!;
    expect(Date.parse(self.lastLoginAt!)).toBeGreaterThan(Date.now() - 600_000);
    expect(accounts.every((a) => a.unit.code === OWN)).toBe(true);
    // The province's admin sees both communes; the commune's manager only their own.
    const province = (await (await admin.get("/accounts?unit=01")).json()) as { accounts: Account[] };
    expect(province.accounts.map((a) => a.email)).toEqual(expect.arrayContaining([manager.email, otherManager.email]));
    expect((await manager.get("/accounts?unit=01")).status).toBe(403);
  });
});

describe("the role ceiling", () => {
  it("lets a manager create managers and viewers of their subtree, never an admin", async () => {
    await create(manager, "manager");
    await create(manager, "viewer");
    const before = await accountsState();
    const res = await manager.send("POST", "/accounts", { email: newEmail(), name: "Phạm Văn Cường", role: "admin", unit: OWN });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "role_above_own", fields: { role: expect.any(String) } } });
    expect(await accountsState()).toBe(before);
  });

  it("lets only an admin create an admin", async () => {
    expect((await create(admin, "admin")).account.role).toBe("admin");
  });

  it("keeps a manager from promoting an account to admin, or from touching an admin's account", async () => {
    const { account: viewerAccount } = await create(manager);
    const { account: adminAccount } = await create(admin, "admin");
    const before = await accountsState();
    expect((await manager.send("PATCH", `/accounts/${viewerAccount.id}`, { role: "admin" })).status).toBe(403);
    for (const res of [
      await manager.send("PATCH", `/accounts/${adminAccount.id}`, { disabled: true }),
      await manager.send("POST", `/accounts/${adminAccount.id}/invitation`),
    ]) {
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "role_above_own" } });
    }
    expect(await accountsState()).toBe(before);
  });

  it("keeps accounts within the subtree: no account above it, none moved out of it", async () => {
    const { account } = await create(manager);
    const before = await accountsState();
    expect((await manager.send("POST", "/accounts", { email: newEmail(), name: "Ngô Thị Mai", role: "viewer", unit: "01" })).status).toBe(403);
    expect((await manager.send("PATCH", `/accounts/${account.id}`, { unit: OTHER })).status).toBe(403);
    expect(await accountsState()).toBe(before);
  });

  it("moves an account within the subtree and changes its role, recording both fields before and after", async () => {
    const { account } = await create(admin);
    const res = await admin.send("PATCH", `/accounts/${account.id}`, { role: "manager", unit: OTHER });
    expect(await res.json()).toMatchObject({ role: "manager", unit: { code: OTHER } });
    const record = await catalog()
      .prepare(`SELECT before, after FROM audit_log WHERE action = 'account.update' AND target = ?1`)
      .bind(String(account.id))
      .all<{ before: string; after: string }>();
    expect(record.results.map((r) => [JSON.parse(r.before), JSON.parse(r.after)])).toEqual([[{ role: "viewer", unit: OWN }, { role: "manager", unit: OTHER }]]);
  });

  it("refuses a change to one's own account", async () => {
    const { accounts } = (await (await manager.get(`/accounts?unit=${OWN}`)).json()) as { accounts: Account[] };
    const self = accounts.find((a) => a.email === manager.email)!;
    const res = await manager.send("PATCH", `/accounts/${self.id}`, { role: "viewer" });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "own_account" } });
  });
});

describe("the one-time link", () => {
  it("opens the dashboard; the account has no usable password until its owner sets one there", async () => {
    const { account, invitation } = await create(manager, "manager");
    expect(invitation.link).toMatch(new RegExp(`^${BASE}/dashboard/#invite=[A-Za-z0-9_-]{43}$`));
    expect(Date.parse(invitation.expiresAt) - Date.now()).toBeGreaterThan(INVITATION_VALID_MS - 600_000);
    // Only the token's hash is kept.
    const stored = await catalog().prepare(`SELECT token_hash FROM invitations WHERE user_id = ?1`).bind(account.id).first<string>("token_hash");
    expect(stored).toBe(await sha256Hex(tokenOf(invitation.link)));
    expect(JSON.stringify(await accountsState())).not.toContain(tokenOf(invitation.link));

    expect((await postLogin(account.email, PASSWORD)).status).toBe(401);
    const res = await accept(tokenOf(invitation.link));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ email: account.email });
    expect((await postLogin(account.email, PASSWORD)).status).toBe(200);
  });

  it("works once", async () => {
    const { invitation } = await create(manager);
    expect((await accept(tokenOf(invitation.link))).status).toBe(200);
    const again = await accept(tokenOf(invitation.link), "một-mật-khẩu-khác-2026");
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ error: { code: "invitation_refused" } });
  });

  it("works until 72 hours after it was issued, and not from then on", async () => {
    const { account, invitation } = await create(manager);
    const tokenHash = await sha256Hex(tokenOf(invitation.link));
    const expiry = Date.parse(invitation.expiresAt);
    const hash = await hashPassword(PASSWORD);
    expect(await acceptInvitation(store(), tokenHash, hash, new Date(expiry))).toBeNull();
    expect(await acceptInvitation(store(), tokenHash, hash, new Date(expiry + 1))).toBeNull();
    expect(await acceptInvitation(store(), tokenHash, hash, new Date(expiry - 1))).toBe(account.email);
  });

  it("dies when a new one is issued (a forgotten password); the new one works", async () => {
    const { account, invitation: first } = await create(manager);
    const res = await manager.send("POST", `/accounts/${account.id}/invitation`);
    const { invitation: second } = (await res.json()) as Created;
    expect(second.link).not.toBe(first.link);
    expect((await accept(tokenOf(first.link))).status).toBe(403);
    expect((await accept(tokenOf(second.link))).status).toBe(200);
    expect((await postLogin(account.email, PASSWORD)).status).toBe(200);
  });

  it("refuses a short password with a 400 naming it, and stays usable", async () => {
    const { invitation } = await create(manager);
    const before = await accountsState();
    const res = await accept(tokenOf(invitation.link), "ngắn");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid", fields: { password: "at least 12 characters" } } });
    expect(await accountsState()).toBe(before);
    expect((await accept(tokenOf(invitation.link))).status).toBe(200);
  });

  it("refuses a link from another site", async () => {
    const { invitation } = await create(manager);
    const res = await api("/invitations/accept", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ token: tokenOf(invitation.link), password: PASSWORD }),
    });
    expect(res.status).toBe(403);
  });
});

describe("disabling an account", () => {
  it("ends its sessions at once, kills its link, and takes no login until it is enabled again", async () => {
    const { account, invitation } = await create(manager);
    expect((await accept(tokenOf(invitation.link))).status).toBe(200);
    const owner = clientFor(account.email, sessionCookie(await postLogin(account.email, PASSWORD)));
    expect((await owner.get("/auth/me")).status).toBe(200);
    const { invitation: pending } = (await (await manager.send("POST", `/accounts/${account.id}/invitation`)).json()) as Created;

    const res = await manager.send("PATCH", `/accounts/${account.id}`, { disabled: true });
    expect(await res.json()).toMatchObject({ disabled: true, invitation: null });
    expect((await owner.get("/auth/me")).status).toBe(401);
    expect((await postLogin(account.email, PASSWORD)).status).toBe(401);
    expect((await accept(tokenOf(pending.link))).status).toBe(403);
    expect((await manager.send("POST", `/accounts/${account.id}/invitation`)).status).toBe(409);

    await manager.send("PATCH", `/accounts/${account.id}`, { disabled: false });
    expect((await postLogin(account.email, PASSWORD)).status).toBe(200);
    const actions = await catalog().prepare(`SELECT action FROM audit_log WHERE target = ?1 ORDER BY id`).bind(String(account.id)).all<{ action: string }>();
    expect(actions.results.map((r) => r.action)).toEqual(["account.create", "account.invite", "account.disable", "account.enable"]);
  });
});

describe("bad input", () => {
  it.each([
    [{ email: "not-an-email", name: "A", role: "viewer", unit: OWN }, "email"],
    [{ email: newEmail(), name: "", role: "viewer", unit: OWN }, "name"],
    [{ email: newEmail(), name: "A", role: "owner", unit: OWN }, "role"],
    [{ email: newEmail(), name: "A", role: "viewer", unit: "ba đình" }, "unit"],
    [{ email: newEmail(), name: "A", role: "viewer", unit: OWN, password: "x" }, "password"],
    [{ email: newEmail(), name: "A", role: "viewer" }, "unit"],
  ])("creating %j gets a 400 naming %s and changes nothing", async (body, field) => {
    const before = await accountsState();
    const res = await manager.send("POST", "/accounts", body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; fields: Record<string, string>; messageVi: string } };
    expect(error.code).toBe("invalid");
    expect(Object.keys(error.fields)).toEqual([field]);
    expect(await accountsState()).toBe(before);
  });

  it("refuses an empty change, an unknown unit, a taken email, an unknown account", async () => {
    const { account } = await create(manager);
    const before = await accountsState();
    expect((await manager.send("PATCH", `/accounts/${account.id}`, {})).status).toBe(400);
    expect((await manager.send("PATCH", `/accounts/${account.id}`, { disabled: "yes" })).status).toBe(400);
    expect((await manager.send("POST", "/accounts", { email: newEmail(), name: "A", role: "viewer", unit: "99999" })).status).toBe(404);
    const taken = await manager.send("POST", "/accounts", { email: account.email.toUpperCase(), name: "A", role: "viewer", unit: OWN });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ error: { code: "email_taken", fields: { email: expect.any(String) } } });
    expect((await manager.send("PATCH", "/accounts/987654", { name: "B" })).status).toBe(404);
    expect((await manager.send("POST", "/accounts/abc/invitation")).status).toBe(404);
    expect(await accountsState()).toBe(before);
  });
});
