/**
 * The administrative record: each change made through the API (accounts, allowed origins,
 * kiosks, the survey choice, decisions on anomalies and complaints) leaves exactly one record
 * with who, the changed fields before and after, and when, written with the change; a repeat
 * that changes nothing leaves none. Admins read their subtree's records, by period, and as CSV.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { chooseSurvey } from "../../worker/db/surveys.ts";
import type { AuditRecord } from "../../worker/domain/audit.ts";
import { vnDay } from "../../worker/domain/vn-time.ts";
import { loginAs, type Client } from "./accounts.ts";
import { answerSet, api, catalog, postResponse, shard, store } from "./helpers.ts";

const OWN = "00004"; // Phường Ba Đình, Hà Nội
const OTHER = "00008"; // Phường Ngọc Hà, Hà Nội

let admin: Client;
let manager: Client;
let adminId: number;
let managerId: number;

const idOf = async (email: string) => (await catalog().prepare(`SELECT id FROM users WHERE email = ?1`).bind(email).first<number>("id"))!;

beforeAll(async () => {
  admin = await loginAs("admin", "01", "Quản trị Hà Nội");
  manager = await loginAs("manager", OWN, "Quản lý Ba Đình");
  [adminId, managerId] = [await idOf(admin.email), await idOf(manager.email)];
});

/** The records of a subtree as an admin reads them. */
async function records(unit = OWN, by = admin): Promise<AuditRecord[]> {
  const res = await by.get(`/audit?unit=${unit}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { records: AuditRecord[] }).records;
}

/** The records that `change` added to the log of `unit`'s subtree. */
async function recordsOf(change: () => Promise<unknown>, unit = OWN): Promise<AuditRecord[]> {
  const before = new Set((await records(unit)).map((r) => r.id));
  await change();
  return (await records(unit)).filter((r) => !before.has(r.id));
}

const expectOk = async (pending: Promise<Response>) => {
  const res = await pending;
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return res.json() as Promise<Record<string, unknown>>;
};

describe("each change leaves exactly one record", () => {
  it("allowed origins: one per origin added or removed; the same list again, none", async () => {
    const put = (origins: string[]) => expectOk(manager.send("PUT", `/units/${OWN}/origins`, { origins }));
    const added = await recordsOf(() => put(["https://badinh.hanoi.gov.vn"]));
    expect(added).toEqual([
      expect.objectContaining({
        action: "origin.add",
        unit: OWN,
        target: "https://badinh.hanoi.gov.vn",
        actor: { id: managerId, name: "Quản lý Ba Đình" },
        before: null,
        after: { origin: "https://badinh.hanoi.gov.vn" },
      }),
    ]);
    expect(Date.now() - Date.parse(added[0]!.at)).toBeLessThan(600_000);
    expect(await recordsOf(() => put(["https://badinh.hanoi.gov.vn"]))).toEqual([]);
    const swapped = await recordsOf(() => put(["https://dichvucong.badinh.vn"]));
    expect(swapped.map((r) => [r.action, r.target, r.before, r.after]).sort()).toEqual([
      ["origin.add", "https://dichvucong.badinh.vn", null, { origin: "https://dichvucong.badinh.vn" }],
      ["origin.remove", "https://badinh.hanoi.gov.vn", { origin: "https://badinh.hanoi.gov.vn" }, null],
    ]);
  });

  it("kiosks: created, revoked; revoking again changes nothing", async () => {
    let id = "";
    const created = await recordsOf(async () => {
      id = ((await expectOk(manager.send("POST", "/devices", { unit: OWN, name: "Máy tính bảng quầy 1" }))).device as { id: string }).id;
    });
    expect(created).toEqual([expect.objectContaining({ action: "device.create", target: id, before: null, after: expect.objectContaining({ name: "Máy tính bảng quầy 1" }) })]);
    const revoked = await recordsOf(() => expectOk(manager.send("POST", `/devices/${id}/revoke`)));
    expect(revoked).toEqual([expect.objectContaining({ action: "device.revoke", target: id, before: { revokedAt: null }, after: { revokedAt: expect.any(String) } })]);
    expect(await recordsOf(() => expectOk(manager.send("POST", `/devices/${id}/revoke`)))).toEqual([]);
  });

  it("a complaint's status change, in its province's shard, and its erasure once", async () => {
    const body = answerSet({ unit: OWN, answers: { overall: 1 }, reason: "Chờ quá lâu" });
    expect((await postResponse(body)).status).toBe(201);
    const moved = await recordsOf(() => expectOk(manager.send("PATCH", `/feedback/${body.id}`, { status: "in_progress", note: "Đã gọi lại cho người dân" })));
    expect(moved).toEqual([
      expect.objectContaining({ action: "feedback.status", target: body.id, before: { status: "new" }, after: { status: "in_progress", note: "Đã gọi lại cho người dân" } }),
    ]);
    expect(moved[0]!.id).toMatch(/^01-\d+$/);
    const erased = await recordsOf(() => expectOk(manager.send("POST", `/feedback/${body.id}/erasure`)));
    expect(erased).toEqual([expect.objectContaining({ action: "feedback.erase", target: body.id, before: { erasedAt: null }, after: { erasedAt: expect.any(String) } })]);
    // The record never holds the citizen's text.
    expect(JSON.stringify(erased)).not.toContain("Chờ quá lâu");
    expect(await recordsOf(() => expectOk(manager.send("POST", `/feedback/${body.id}/erasure`)))).toEqual([]);
  });

  it("a decision on an anomaly, in its province's shard", async () => {
    const unit = "00025"; // another ward of Hà Nội, below the admin
    for (let i = 0; i < 40; i++) expect((await postResponse(answerSet({ unit }), { "cf-connecting-ip": "203.0.113.40" })).status).toBe(201);
    const incident = (await shard().prepare(`SELECT id FROM incidents WHERE unit = ?1`).bind(unit).first<number>("id"))!;
    expect(incident).toBeGreaterThan(1_000_000_000);
    const decided = await recordsOf(() => expectOk(admin.send("POST", `/incidents/${incident}/decision`, { decision: "confirmed", note: "Một người bấm liên tục" })), unit);
    expect(decided).toEqual([
      expect.objectContaining({
        action: "incident.decide",
        unit,
        target: String(incident),
        actor: { id: adminId, name: "Quản trị Hà Nội" },
        before: { status: "open" },
        after: { status: "confirmed", note: "Một người bấm liên tục" },
      }),
    ]);
  });

  it("the survey a unit uses; choosing it again changes nothing", async () => {
    const choose = () => chooseSurvey(store(), OWN, "sipas", { actor: managerId, at: new Date() });
    const chosen = await recordsOf(choose);
    expect(chosen).toEqual([expect.objectContaining({ action: "survey.choose", target: "sipas", before: { survey: null }, after: { survey: "sipas" } })]);
    expect(await recordsOf(choose)).toEqual([]);
  });

  it("accounts: created, changed, disabled, enabled, re-invited", async () => {
    let id = 0;
    const created = await recordsOf(async () => {
      const body = await expectOk(admin.send("POST", "/accounts", { email: "hoa.le@badinh.example.vn", name: "Lê Thị Hoa", role: "viewer", unit: OWN }));
      id = (body.account as { id: number }).id;
    });
    expect(created).toEqual([
      expect.objectContaining({
        action: "account.create",
        target: String(id),
        before: null,
        after: { email: "hoa.le@badinh.example.vn", name: "Lê Thị Hoa", role: "viewer", unit: OWN, invitationExpiresAt: expect.any(String) },
      }),
    ]);
    const steps: [unknown, string, unknown, unknown][] = [
      [{ role: "manager", name: "Lê Thị Hoa" }, "account.update", { role: "viewer" }, { role: "manager" }],
      [{ disabled: true }, "account.disable", { disabled: false }, { disabled: true }],
      [{ disabled: true }, "", null, null],
      [{ disabled: false }, "account.enable", { disabled: true }, { disabled: false }],
    ];
    for (const [change, action, before, after] of steps) {
      const added = await recordsOf(() => expectOk(admin.send("PATCH", `/accounts/${id}`, change)));
      expect(added).toEqual(action ? [expect.objectContaining({ action, target: String(id), before, after })] : []);
    }
    // Disabling ended the first link: the new one replaces none.
    const invited = await recordsOf(() => expectOk(admin.send("POST", `/accounts/${id}/invitation`)));
    expect(invited).toEqual([expect.objectContaining({ action: "account.invite", before: null, after: { invitationExpiresAt: expect.any(String) } })]);
    const again = await recordsOf(() => expectOk(admin.send("POST", `/accounts/${id}/invitation`)));
    expect(again).toEqual([expect.objectContaining({ action: "account.invite", before: invited[0]!.after, after: { invitationExpiresAt: expect.any(String) } })]);
  });
});

describe("reading the record", () => {
  it("is for admins only, within their subtree", async () => {
    const viewer = await loginAs("viewer", OWN);
    for (const path of [`/audit?unit=${OWN}`, `/audit.csv?unit=${OWN}`]) {
      expect((await api(path)).status).toBe(401);
      for (const refused of [await viewer.get(path), await manager.get(path)]) {
        expect(refused.status).toBe(403);
        expect(await refused.json()).toMatchObject({ error: { code: "admins_only" } });
      }
      const elsewhere = await loginAs("admin", "79");
      expect(await (await elsewhere.get(path)).json()).toMatchObject({ error: { code: "out_of_scope" } });
    }
  });

  it("filters by unit: a commune's record holds only its own subtree's changes", async () => {
    await expectOk(admin.send("PUT", `/units/${OTHER}/origins`, { origins: ["https://ngocha.hanoi.gov.vn"] }));
    const own = await records(OWN);
    const other = await records(OTHER);
    expect(own.length).toBeGreaterThan(5);
    expect(own.every((r) => r.unit === OWN)).toBe(true);
    expect(other.map((r) => r.target)).toEqual(["https://ngocha.hanoi.gov.vn"]);
    const province = await records("01");
    expect(province.map((r) => r.id)).toEqual(expect.arrayContaining([...own, ...other].map((r) => r.id)));
    // Newest first, across the catalog and the shard.
    expect(province.map((r) => r.at)).toEqual([...province.map((r) => r.at)].sort().reverse());
  });

  it("filters by period, in Viet Nam days", async () => {
    const today = vnDay(new Date());
    const yesterday = vnDay(new Date(Date.now() - 86_400_000));
    const listed = (await (await admin.get(`/audit?unit=${OWN}&from=${today}&to=${today}`)).json()) as { records: AuditRecord[] };
    expect(listed.records.length).toBeGreaterThan(0);
    expect(await (await admin.get(`/audit?unit=${OWN}&from=${yesterday}&to=${yesterday}`)).json()).toEqual({ records: [] });
    const bad = await admin.get(`/audit?unit=${OWN}&from=${today}&to=${yesterday}`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid", fields: { from: "not after to" } } });
  });

  it("exports as CSV that Excel opens: BOM, Vietnamese headers, Viet Nam times, one row per record", async () => {
    const res = await admin.get(`/audit.csv?unit=${OWN}`);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="hailong-audit-00004-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes); // without the BOM
    expect(text.startsWith("Thời điểm (giờ Việt Nam),Người thực hiện,Thao tác,Mã thao tác,Mã đơn vị,Đối tượng,Trước,Sau,Mã bản ghi\r\n")).toBe(true);
    const lines = text.trimEnd().split("\r\n").slice(1);
    const listed = await records(OWN);
    expect(lines).toHaveLength(listed.length);
    const first = listed[0]!;
    const vnTime = new Date(Date.parse(first.at) + 7 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
    expect(lines[0]!.startsWith(`${vnTime},`)).toBe(true);
    expect(lines[0]!.endsWith(`,${first.id}`)).toBe(true);
    expect(text).toContain(",Quản lý Ba Đình,Cho phép trang nhúng,origin.add,00004,https://badinh.hanoi.gov.vn,,");
    expect(text).toContain(`"{""disabled"":false}","{""disabled"":true}"`);
  });
});
