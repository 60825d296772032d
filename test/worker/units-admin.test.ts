/**
 * Desks and officials as a commune's managers run them: added under generated codes, renamed
 * and closed, in the catalog and the province's shard alike, each change in the audit record;
 * every route refused to viewers and to other communes' managers; a closed unit keeps its
 * history and takes no new answers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addUnits } from "../../worker/db/units.ts";
import { vnDay } from "../../worker/domain/vn-time.ts";
import { loginAs, type Client } from "./accounts.ts";
import { answerSet, api, BASE, catalog, postResponse, rollup, shard, store } from "./helpers.ts";

const OWN = "00004"; // Phường Ba Đình, Hà Nội
const OTHER = "00008"; // Phường Ngọc Hà, Hà Nội: a sibling commune
const today = () => vnDay(new Date());

interface Managed {
  code: string;
  name: string;
  kind: string;
  parent: string;
  validFrom: string;
  validTo: string | null;
}

let viewer: Client;
let manager: Client;
let otherManager: Client;
let admin: Client;

beforeAll(async () => {
  [viewer, manager, otherManager, admin] = await Promise.all([
    loginAs("viewer", OWN),
    loginAs("manager", OWN),
    loginAs("manager", OTHER),
    loginAs("admin", "VN"),
  ]);
});

async function created(res: Response): Promise<Managed> {
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Managed;
}

const addDesk = (client: Client, name = "Bộ phận tiếp nhận và trả kết quả", under = OWN) => client.send("POST", `/units/${under}/desks`, { name });
const addOfficial = (client: Client, desk: string, name = "Nguyễn Thị Lan") => client.send("POST", `/units/${desk}/officials`, { name });

/** A new desk of OWN with one official, added by the admin. */
async function deskWithOfficial(): Promise<{ desk: Managed; official: Managed }> {
  const desk = await created(await addDesk(admin));
  return { desk, official: await created(await addOfficial(admin, desk.code)) };
}

/** The registry rows of a unit in the catalog and in Hà Nội's shard. */
async function rowsOf(code: string) {
  const sql = "SELECT code, name, kind, parent, valid_from AS validFrom, valid_to AS validTo FROM units WHERE code = ?1";
  return Promise.all([catalog(), shard("01")].map((db) => db.prepare(sql).bind(code).first<Managed>()));
}

/** What the routes may change: the registry below OWN in both databases and the audit record. */
async function registry(): Promise<string> {
  const units = (db: D1Database) =>
    db.prepare("SELECT u.* FROM unit_ancestors a JOIN units u ON u.code = a.unit WHERE a.ancestor = ?1 ORDER BY u.code").bind(OWN).all();
  const [inCatalog, inShard, audit] = await Promise.all([units(catalog()), units(shard("01")), catalog().prepare("SELECT * FROM audit_log ORDER BY id").all()]);
  return JSON.stringify([inCatalog.results, inShard.results, audit.results]);
}

async function auditOf(target: string) {
  const { results } = await catalog()
    .prepare("SELECT l.action, l.unit, l.before, l.after, u.email FROM audit_log l LEFT JOIN users u ON u.id = l.actor WHERE l.target = ?1 ORDER BY l.id")
    .bind(target)
    .all<{ action: string; unit: string; before: string | null; after: string | null; email: string | null }>();
  return results.map((r) => ({ ...r, before: r.before && JSON.parse(r.before), after: r.after && JSON.parse(r.after) }));
}

/** Every route, against a fresh desk and official of OWN (or of OTHER, for the other commune's manager). */
const ROUTES: { name: string; method: string; path: (t: { commune: string; desk: string; official: string }) => string; body?: unknown; ok: number }[] = [
  { name: "list", method: "GET", path: (t) => `/units/${t.commune}/desks`, ok: 200 },
  { name: "add a desk", method: "POST", path: (t) => `/units/${t.commune}/desks`, body: { name: "Bộ phận một cửa số 2" }, ok: 201 },
  { name: "add an official", method: "POST", path: (t) => `/units/${t.desk}/officials`, body: { name: "Trần Văn Minh" }, ok: 201 },
  { name: "rename a desk", method: "PATCH", path: (t) => `/units/${t.desk}`, body: { name: "Bộ phận một cửa phường Ba Đình" }, ok: 200 },
  { name: "rename an official", method: "PATCH", path: (t) => `/units/${t.official}`, body: { name: "Nguyễn Thị Lan Anh" }, ok: 200 },
  { name: "close an official", method: "POST", path: (t) => `/units/${t.official}/close`, body: {}, ok: 200 },
  { name: "close a desk", method: "POST", path: (t) => `/units/${t.desk}/close`, body: {}, ok: 200 },
];

const call = (client: Client, route: (typeof ROUTES)[number], t: { commune: string; desk: string; official: string }) =>
  route.method === "GET" ? client.get(route.path(t)) : client.send(route.method, route.path(t), route.body);

describe("who may run a commune's desks and officials", () => {
  it.each(ROUTES)("$name: refused to a viewer and to another commune's manager, changing nothing; done by the unit's manager and an admin", async (route) => {
    const { desk, official } = await deskWithOfficial();
    const target = { commune: OWN, desk: desk.code, official: official.code };
    const before = await registry();

    const asViewer = await call(viewer, route, target);
    if (route.method === "GET") expect(asViewer.status).toBe(200);
    else {
      expect(asViewer.status).toBe(403);
      expect(await asViewer.json()).toMatchObject({ error: { code: "read_only", message: expect.any(String), messageVi: expect.any(String) } });
    }
    const asOther = await call(otherManager, route, target);
    expect(asOther.status).toBe(403);
    expect(await asOther.json()).toMatchObject({ error: { code: "out_of_scope" } });
    expect(await registry()).toBe(before);

    expect((await call(manager, route, target)).status).toBe(route.ok);
    const again = await deskWithOfficial();
    expect((await call(admin, route, { commune: OWN, desk: again.desk.code, official: again.official.code })).status).toBe(route.ok);
  });

  it.each(ROUTES.filter((r) => r.method !== "GET"))("$name: refused from another site and without a session", async (route) => {
    const { desk, official } = await deskWithOfficial();
    const path = route.path({ commune: OWN, desk: desk.code, official: official.code });
    const before = await registry();
    const init = (headers: Record<string, string>) => ({ method: route.method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(route.body) });
    const crossSite = await api(path, init({ cookie: manager.cookie, origin: "https://evil.example" }));
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: { code: "cross_origin" } });
    expect((await api(path, init({ origin: BASE }))).status).toBe(401);
    expect(await registry()).toBe(before);
  });

  it("refuses the province above to a commune's manager", async () => {
    expect((await addDesk(manager, "Trung tâm", "01")).status).toBe(403);
    expect((await manager.get("/units/01/desks")).status).toBe(403);
  });
});

describe("codes", () => {
  it("are generated below the parent's code, numbered, and never reused after a closure", async () => {
    const commune = "00025"; // Phường Giảng Võ: no other test of this file adds below it
    const first = await created(await addDesk(admin, "Bộ phận một cửa", commune));
    const second = await created(await addDesk(admin, "Bộ phận một cửa (cơ sở 2)", commune));
    expect([first.code, second.code]).toEqual([`${commune}-tn`, `${commune}-tn2`]);
    expect(first).toEqual({ code: `${commune}-tn`, name: "Bộ phận một cửa", kind: "desk", parent: commune, validFrom: today(), validTo: null });

    const lan = await created(await addOfficial(admin, first.code, "Nguyễn Thị Lan"));
    const minh = await created(await addOfficial(admin, first.code, "Trần Văn Minh"));
    expect([lan.code, minh.code]).toEqual([`${commune}-tn-cb1`, `${commune}-tn-cb2`]);

    expect((await admin.send("POST", `/units/${minh.code}/close`, {})).status).toBe(200);
    expect((await admin.send("POST", `/units/${second.code}/close`, {})).status).toBe(200);
    expect((await created(await addOfficial(admin, first.code, "Lê Văn Hùng"))).code).toBe(`${commune}-tn-cb3`);
    expect((await created(await addDesk(admin, "Bộ phận một cửa (cơ sở 3)", commune))).code).toBe(`${commune}-tn3`);
  });

  it("stay distinct when several managers add at the same moment", async () => {
    const commune = "00070"; // Phường Hoàn Kiếm
    const added = await Promise.all([1, 2, 3].map((n) => addDesk(admin, `Bộ phận một cửa số ${n}`, commune).then(created)));
    expect(added.map((u) => u.code).sort()).toEqual([`${commune}-tn`, `${commune}-tn2`, `${commune}-tn3`]);
    for (const unit of added) {
      const [inCatalog, inShard] = await rowsOf(unit.code);
      expect(inCatalog?.name).toBe(unit.name);
      expect(inShard?.name).toBe(unit.name);
    }
  });

  it("give a province its public service centre, 'tthc'", async () => {
    const centre = await created(await addDesk(admin, "Trung tâm Phục vụ hành chính công thành phố Hà Nội", "01"));
    expect(centre).toMatchObject({ code: "01-tthc", kind: "desk", parent: "01" });
    expect((await created(await addOfficial(admin, centre.code))).code).toBe("01-tthc-cb1");
  });

  it("are the same in the catalog and in the province's shard", async () => {
    const { desk, official } = await deskWithOfficial();
    for (const unit of [desk, official]) {
      const [inCatalog, inShard] = await rowsOf(unit.code);
      expect(inCatalog).toEqual(unit);
      expect(inShard).toEqual(unit);
    }
  });
});

describe("a new official", () => {
  it("shows its survey, and its answers count in its desk's and commune's rollups in the shard", async () => {
    const { desk, official } = await deskWithOfficial();
    const survey = await api(`/units/${official.code}/survey`);
    expect(survey.status).toBe(200);
    expect(await survey.json()).toMatchObject({ unit: { code: official.code, name: official.name } });

    const communeBefore = (await rollup(OWN, "overall", today()))?.n ?? 0;
    expect((await postResponse(answerSet({ unit: official.code, answers: { overall: 3 } }))).status).toBe(201);
    expect(await rollup(official.code, "overall", today())).toMatchObject({ n: 1, c3: 1 });
    expect(await rollup(desk.code, "overall", today())).toMatchObject({ n: 1, c3: 1 });
    expect((await rollup(OWN, "overall", today()))?.n).toBe(communeBefore + 1);
  });
});

describe("renaming", () => {
  it("renames in both databases and records the old and new name", async () => {
    const { desk } = await deskWithOfficial();
    const res = await manager.send("PATCH", `/units/${desk.code}`, { name: "  Bộ phận một cửa phường Ba Đình " });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...desk, name: "Bộ phận một cửa phường Ba Đình" });
    for (const row of await rowsOf(desk.code)) expect(row?.name).toBe("Bộ phận một cửa phường Ba Đình");
    expect(await auditOf(desk.code)).toEqual([
      { action: "unit.create", unit: desk.code, email: admin.email, before: null, after: { name: desk.name, kind: "desk", parent: OWN, validFrom: today() } },
      { action: "unit.rename", unit: desk.code, email: manager.email, before: { name: desk.name }, after: { name: "Bộ phận một cửa phường Ba Đình" } },
    ]);
  });

  it("records nothing when the name stays the same", async () => {
    const { desk } = await deskWithOfficial();
    const before = await registry();
    expect((await manager.send("PATCH", `/units/${desk.code}`, { name: desk.name })).status).toBe(200);
    expect(await registry()).toBe(before);
  });
});

describe("a closed unit", () => {
  let desk: Managed;
  let official: Managed;
  let earlier: ReturnType<typeof answerSet>;

  beforeAll(async () => {
    ({ desk, official } = await deskWithOfficial());
    earlier = answerSet({ unit: official.code, answers: { overall: 2 } });
    expect((await postResponse(earlier)).status).toBe(201);
    expect((await postResponse(answerSet({ unit: desk.code }))).status).toBe(201);
    const res = await manager.send("POST", `/units/${desk.code}/close`, {});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ closed: [{ ...desk, validTo: today() }, { ...official, validTo: today() }] });
  });

  it("closes its officials with it, in both databases, one record each", async () => {
    for (const unit of [desk, official]) {
      for (const row of await rowsOf(unit.code)) expect(row?.validTo).toBe(today());
      expect((await auditOf(unit.code)).at(-1)).toEqual({ action: "unit.close", unit: unit.code, email: manager.email, before: { validTo: null }, after: { validTo: today() } });
    }
  });

  it("keeps its history: listed with its closing day, its figures still readable", async () => {
    const { units } = (await (await manager.get(`/units/${OWN}/desks`)).json()) as { units: Managed[] };
    expect(units.filter((u) => u.code.startsWith(desk.code))).toEqual([
      { ...desk, validTo: today() },
      { ...official, validTo: today() },
    ]);
    const figures = await manager.get(`/stats/distribution?unit=${desk.code}&from=${today()}&to=${today()}`);
    expect(figures.status).toBe(200);
    expect(await figures.json()).toMatchObject({ unit: desk.code, n: 2 });
  });

  it("refuses its survey and new answers with a clear error; an answer stored before still gets its receipt", async () => {
    for (const code of [desk.code, official.code]) {
      const survey = await api(`/units/${code}/survey`);
      expect(survey.status).toBe(404);
      expect(await survey.json()).toMatchObject({ error: { code: "unit_closed", messageVi: expect.stringContaining("đã ngừng nhận đánh giá") } });
      const answer = await postResponse(answerSet({ unit: code }));
      expect(answer.status).toBe(404);
      expect(await answer.json()).toMatchObject({ error: { code: "unit_closed" } });
    }
    const replay = await postResponse(earlier);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ id: earlier.id, status: "accepted" });
  });

  it("changes no more: no rename, no second closure, nothing added below it", async () => {
    const before = await registry();
    for (const res of [
      await manager.send("PATCH", `/units/${desk.code}`, { name: "Tên mới" }),
      await manager.send("POST", `/units/${official.code}/close`, {}),
      await addOfficial(manager, desk.code),
    ]) {
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: "unit_closed" } });
    }
    expect(await registry()).toBe(before);
  });
});

describe("bad input", () => {
  it("gets a 400 naming each field, or a refusal of the unit, and changes nothing", async () => {
    const { desk, official } = await deskWithOfficial();
    const before = await registry();
    const refused: [Response, number, Record<string, string>?][] = [
      [await manager.send("POST", `/units/${OWN}/desks`, { name: "   " }), 400, { name: "required" }],
      [await manager.send("POST", `/units/${OWN}/desks`, {}), 400, { name: "required" }],
      [await manager.send("POST", `/units/${OWN}/desks`, { name: "Bộ phận", kind: "official" }), 400, { kind: "unknown field" }],
      [await manager.send("POST", `/units/${OWN}/desks`, { name: "x".repeat(201) }), 400, { name: "at most 200 characters" }],
      [await manager.send("POST", `/units/${desk.code}/desks`, { name: "Bộ phận con" }), 400, { code: "not a commune or province" }],
      [await manager.send("POST", `/units/${OWN}/officials`, { name: "Nguyễn Văn An" }), 400, { code: "not a desk" }],
      [await manager.send("PATCH", `/units/${OWN}`, { name: "Phường Mới" }), 400, { code: "not a desk or official" }],
      [await manager.send("POST", `/units/${OWN}/close`, {}), 400, { code: "not a desk or official" }],
      [await manager.send("POST", `/units/${official.code}/close`, { on: "2099-01-01" }), 400],
      [await manager.send("POST", `/units/${official.code}/close`, { on: "2025-01-01" }), 400],
      [await manager.send("POST", `/units/${official.code}/close`, { on: "2026-02-30" }), 400, { on: "no such day" }],
      [await manager.send("POST", `/units/99999/desks`, { name: "Bộ phận" }), 404],
      [await api(`/units/${OWN}/desks`, { method: "POST", headers: { cookie: manager.cookie, origin: BASE }, body: "name=x" }), 415],
    ];
    for (const [res, status, fields] of refused) {
      expect(res.status).toBe(status);
      const { error } = (await res.json()) as { error: { code: string; message: string; messageVi: string; fields?: Record<string, string> } };
      expect(error.message.length).toBeGreaterThan(10);
      expect(error.messageVi.length).toBeGreaterThan(10);
      if (fields) expect(error.fields).toEqual(fields);
    }
    expect(await registry()).toBe(before);
  });

  it("names the closing day the unit may take", async () => {
    const { official } = await deskWithOfficial();
    const late = (await (await manager.send("POST", `/units/${official.code}/close`, { on: "2099-01-01" })).json()) as { error: { messageVi: string; fields: Record<string, string> } };
    expect(late.error.messageVi).toContain("Ngày ngừng hoạt động");
    expect(late.error.fields.on).toContain(today());
    const early = (await (await manager.send("POST", `/units/${official.code}/close`, { on: "2025-01-01" })).json()) as { error: { fields: Record<string, string> } };
    expect(early.error.fields.on).toContain(official.validFrom);
  });

  it("keeps a closing day in the past as given", async () => {
    // A desk of the registry's start (1 July 2025), as the demo's are.
    await addUnits(store(), [{ code: `${OWN}-mc`, name: "Bộ phận một cửa cũ", kind: "desk", parent: OWN }]);
    const res = await manager.send("POST", `/units/${OWN}-mc/close`, { on: "2026-01-15" });
    expect(res.status).toBe(200);
    for (const row of await rowsOf(`${OWN}-mc`)) expect(row).toMatchObject({ validFrom: "2025-07-01", validTo: "2026-01-15" });
  });
});

describe("the API document", () => {
  it("describes every route", async () => {
    const doc = (await (await api("/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const [path, method] of [
      ["/units/{code}/desks", "get"], ["/units/{code}/desks", "post"], ["/units/{code}/officials", "post"],
      ["/units/{code}", "patch"], ["/units/{code}/close", "post"],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });
});
