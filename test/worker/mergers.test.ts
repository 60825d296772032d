/**
 * Mergers and splits of units, recorded by admins: refused to managers, viewers and other
 * scopes, and to changes that cannot be, with nothing changed; a merged unit's figures equal
 * a recount over it and its predecessors, the predecessors' own figures their own recount,
 * the parent's figures the same before and after; a split leaves the old unit's history its own.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loginAs, someAddress, type Client } from "./accounts.ts";
import { answerSet, api, BASE, catalog, forgetContexts, postResponse, shard } from "./helpers.ts";
import { expectedFigure, expectReadModelMatchesRecount, recount, sameFigure, type Recount } from "./recount.ts";

const PROVINCE = "01"; // Hà Nội
const MIN_SAMPLE = 30;
const DAY_MS = 24 * 3600_000;
const MERGER_DAY = "2026-03-01";
const FROM = "2026-01-01";
const TO = "2026-06-30";

afterEach(() => vi.useRealTimers());

/** Posts an answer set from its own address as if received at `at`; answers the response. */
async function postAt(at: number, body: ReturnType<typeof answerSet>): Promise<Response> {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at);
  try {
    return await postResponse(body, { "cf-connecting-ip": someAddress() });
  } finally {
    vi.useRealTimers();
  }
}

/** Posts `count` answers at a unit, one a day from `first` (an ISO instant), varied levels, some with a statement. */
async function answersAt(unit: string, first: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const answers = { overall: (i % 3) + 1, ...(i % 2 === 0 && { e3_polite: (i % 5) + 1 }) };
    const res = await postAt(Date.parse(first) + i * DAY_MS, answerSet({ unit, survey: "sipas", answers }));
    expect(res.status, await res.clone().text()).toBe(201);
  }
}

const json = async (res: Response) => {
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json() as Promise<any>;
};

/** Recounts over several units added up, by bucket start. */
async function recountOver(units: string[], item: string, bucket?: "month") {
  const sum = new Map<string, Recount>();
  for (const unit of units) {
    for (const [start, r] of await recount(unit, item, FROM, TO, bucket)) {
      const s = sum.get(start) ?? { n: 0, satisfied: 0, sum: 0, levels: {} };
      const levels = { ...s.levels };
      for (const [level, n] of Object.entries(r.levels)) levels[Number(level)] = (levels[Number(level)] ?? 0) + n;
      sum.set(start, { n: s.n + r.n, satisfied: s.satisfied + r.satisfied, sum: s.sum + r.sum, levels });
    }
  }
  return sum;
}

/** Expects a unit's month trend of an item to equal a recount over `units`. */
async function expectTrendIsRecountOf(client: Client, unit: string, item: string, units: string[]) {
  const trend = await json(await client.get(`/stats/trend?unit=${unit}&item=${item}&bucket=month&from=${FROM}&to=${TO}`));
  const expected = await recountOver(units, item, "month");
  for (const point of trend.points) expect(sameFigure(point, expectedFigure(expected.get(point.start), MIN_SAMPLE)), `${unit} ${item} ${point.start}`).toBe(true);
  return trend;
}

/** What a refused request must leave as it was: the registry's closings, the successions and the audit, in the catalog and the shard. */
async function state(): Promise<string> {
  const read = (db: D1Database) =>
    db.batch([
      db.prepare("SELECT count(*) AS units FROM units"),
      db.prepare("SELECT code, valid_to FROM units WHERE valid_to IS NOT NULL ORDER BY code"),
      db.prepare("SELECT * FROM successions ORDER BY 1, 2"),
    ]);
  const [inCatalog, inShard, audit] = await Promise.all([read(catalog()), read(shard(PROVINCE)), catalog().prepare("SELECT * FROM audit_log ORDER BY id").all()]);
  return JSON.stringify([inCatalog.map((r) => r.results), inShard.map((r) => r.results), audit.results]);
}

let communes: string[];
let admin: Client;
let communeAdmin: Client;
let otherAdmin: Client;
let manager: Client;
let viewer: Client;
let national: Client;

beforeAll(async () => {
  const { results } = await catalog()
    .prepare("SELECT code FROM units WHERE parent = ?1 AND kind IN ('xa', 'phuong') ORDER BY code LIMIT 8")
    .bind(PROVINCE)
    .all<{ code: string }>();
  communes = results.map((r) => r.code);
  [admin, communeAdmin, otherAdmin, manager, viewer, national] = await Promise.all([
    loginAs("admin", PROVINCE),
    loginAs("admin", communes[0]!),
    loginAs("admin", "79"),
    loginAs("manager", PROVINCE),
    loginAs("viewer", PROVINCE),
    loginAs("admin", "VN"),
  ]);
});

describe("a merger of two communes into a new one", () => {
  let A: string, B: string, other: string, C: string;
  let parentBefore: { trend: unknown; total: unknown; distribution: unknown };

  const parentFigures = async () => ({
    trend: (await json(await admin.get(`/stats/trend?unit=${PROVINCE}&bucket=month&from=${FROM}&to=${TO}`))).points,
    total: (await json(await admin.get(`/stats/compare?unit=${PROVINCE}&from=${FROM}&to=${TO}`))).total,
    distribution: (await json(await admin.get(`/stats/distribution?unit=${PROVINCE}&from=${FROM}&to=${TO}`))).levels,
  });
  const merger = () => ({ from: [A, B], into: { name: "Phường Hợp Nhất", parent: PROVINCE, kind: "phuong" }, on: MERGER_DAY });

  it("starts from answers at both communes before the day, and at a third that stays", async () => {
    [A, B, other] = communes as [string, string, string];
    await answersAt(A, "2026-01-05T03:00:00Z", 24);
    await answersAt(B, "2026-01-20T03:00:00Z", 20);
    await answersAt(other, "2026-02-10T03:00:00Z", 40);
    parentBefore = await parentFigures();
  });

  it("is refused to managers, viewers, admins of another province or of one of the communes, without a session and from another site, changing nothing", async () => {
    const before = await state();
    for (const [client, status, code] of [
      [manager, 403, "admins_only"],
      [viewer, 403, "admins_only"],
      [otherAdmin, 403, "out_of_scope"],
      [communeAdmin, 403, "out_of_scope"],
    ] as const) {
      for (const [path, body] of [
        ["/mergers", merger()],
        ["/splits", { from: A, into: [B, { name: "Phường Mới", parent: PROVINCE, kind: "phuong" }], on: MERGER_DAY }],
      ] as const) {
        const res = await client.send("POST", path, body);
        expect(res.status, `${client.email} ${path}`).toBe(status);
        expect(await res.json()).toMatchObject({ error: { code } });
      }
    }
    for (const path of ["/mergers", "/splits"]) {
      const res = await api(path, { method: "POST", headers: { origin: BASE, "content-type": "application/json" }, body: JSON.stringify(merger()) });
      expect(res.status, path).toBe(401);
      // An admin's session used from another site's page.
      const forged = await api(path, { method: "POST", headers: { cookie: admin.cookie, origin: "https://evil.example", "content-type": "application/json" }, body: JSON.stringify(merger()) });
      expect(forged.status, path).toBe(403);
      expect(await forged.json()).toMatchObject({ error: { code: "cross_origin" } });
    }
    expect(await state()).toBe(before);
  });

  it("refuses with a 400 naming the field what cannot be, changing nothing", async () => {
    const before = await state();
    const added = await admin.send("POST", `/units/${other}/desks`, { name: "Bộ phận một cửa" });
    expect(added.status).toBe(201);
    const deskOfOther = ((await added.json()) as { code: string }).code;
    const afterDesk = await state();
    expect(afterDesk).not.toBe(before);
    const hcm = (await catalog().prepare("SELECT code FROM units WHERE parent = '79' AND kind = 'phuong' ORDER BY code LIMIT 1").first<string>("code"))!;
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 31 * 3600_000).toISOString().slice(0, 10);
    const cases: [Client, string, unknown, string][] = [
      [admin, "/mergers", { ...merger(), into: A }, "into"],
      [admin, "/mergers", { ...merger(), from: [A, A] }, "from.1"],
      [admin, "/mergers", { ...merger(), on: tomorrow }, "on"],
      [admin, "/mergers", { ...merger(), on: "2025-07-01" }, "on"],
      [admin, "/mergers", { ...merger(), on: "2026-02-01" }, "on"],
      [admin, "/mergers", { ...merger(), into: deskOfOther }, "into"],
      [admin, "/mergers", { ...merger(), into: { name: "Bộ phận", parent: PROVINCE, kind: "desk" } }, "into"],
      [admin, "/mergers", { ...merger(), from: [A, PROVINCE] }, "from.1"],
      [national, "/mergers", { ...merger(), from: [A, hcm] }, "from.1"],
      [admin, "/mergers", { ...merger(), colour: "red" }, "colour"],
      [admin, "/mergers", { ...merger(), on: "2026-02-30" }, "on"],
      [admin, "/splits", { from: A, into: [B], on: today }, "into"],
      [admin, "/splits", { from: A, into: [A, B], on: today }, "into.0"],
    ];
    for (const [client, path, body, field] of cases) {
      const res = await client.send("POST", path, body);
      const text = await res.clone().text();
      expect(res.status, `${JSON.stringify(body)}: ${text}`).toBe(400);
      expect(Object.keys(((await res.json()) as any).error.fields), JSON.stringify(body)).toContain(field);
    }
    // A unit already closed: the desk, closed by its commune's route.
    await json(await admin.send("POST", `/units/${deskOfOther}/close`, {}));
    const closedDesk = await state();
    const res = await admin.send("POST", "/mergers", { from: [deskOfOther], into: { name: "Bộ phận mới", parent: other, kind: "desk" }, on: today });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.fields).toMatchObject({ "from.0": expect.stringContaining("already closed") });
    expect(await state()).toBe(closedDesk);
  });

  it("closes both communes on the day, adds the continuing one and records it all in the audit", async () => {
    const res = await admin.send("POST", "/mergers", merger());
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as { successors: string[] };
    C = body.successors[0]!;
    expect(body).toMatchObject({ kind: "merge", on: MERGER_DAY, predecessors: [A, B], successors: [`${PROVINCE}-sn`], closed: [A, B] });
    for (const db of [catalog(), shard(PROVINCE)]) {
      const units = await db.prepare("SELECT code, kind, parent, valid_from, valid_to FROM units WHERE code IN (?1, ?2, ?3) ORDER BY code").bind(A, B, C).all();
      expect(units.results).toEqual([
        { code: A, kind: expect.any(String), parent: PROVINCE, valid_from: "2025-07-01", valid_to: MERGER_DAY },
        { code: B, kind: expect.any(String), parent: PROVINCE, valid_from: "2025-07-01", valid_to: MERGER_DAY },
        { code: C, kind: "phuong", parent: PROVINCE, valid_from: MERGER_DAY, valid_to: null },
      ].sort((x, y) => (x.code < y.code ? -1 : 1)));
      const successions = await db.prepare("SELECT predecessor, successor, day, kind FROM successions ORDER BY 1").all();
      expect(successions.results).toEqual([A, B].map((p) => ({ predecessor: p, successor: C, day: MERGER_DAY, kind: "merge" })));
    }
    const { results } = await catalog()
      .prepare("SELECT l.action, l.target, l.before, l.after, u.email FROM audit_log l JOIN users u ON u.id = l.actor WHERE l.action IN ('unit.merge', 'unit.create') AND l.target IN (?1, ?2, ?3) ORDER BY l.id")
      .bind(A, B, C)
      .all<{ action: string; target: string; before: string; after: string; email: string }>();
    expect(results.map((r) => ({ ...r, before: JSON.parse(r.before), after: JSON.parse(r.after) }))).toEqual([
      { action: "unit.merge", target: A, before: { validTo: null }, after: { validTo: MERGER_DAY, mergedInto: [C] }, email: admin.email },
      { action: "unit.merge", target: B, before: { validTo: null }, after: { validTo: MERGER_DAY, mergedInto: [C] }, email: admin.email },
      { action: "unit.create", target: C, before: null, after: { name: "Phường Hợp Nhất", kind: "phuong", parent: PROVINCE, validFrom: MERGER_DAY }, email: admin.email },
    ]);
  });

  it("leaves the parent's figures as they were", async () => {
    expect(await parentFigures()).toEqual(parentBefore);
  });

  it("refuses answers to the merged communes, and takes them at the continuing one", async () => {
    for (const unit of [A, B]) {
      const res = await postResponse(answerSet({ unit }), { "cf-connecting-ip": someAddress() });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "unit_closed" } });
    }
    await answersAt(C, "2026-03-10T03:00:00Z", 30);
    await expectReadModelMatchesRecount();
  });

  it("gives the continuing unit figures equal to a recount over it and both predecessors, marked before the day", async () => {
    const lineage = [C, A, B];
    for (const item of ["overall", "e3_polite"]) {
      const trend = await expectTrendIsRecountOf(admin, C, item, lineage);
      const names = trend.predecessors.map((p: { code: string }) => p.code).sort();
      expect(names).toEqual([A, B].sort());
      expect(trend.predecessors.every((p: { until: string; name: string }) => p.until === MERGER_DAY && p.name.length > 0)).toBe(true);
      for (const point of trend.points) expect(point.includes?.sort(), point.start).toEqual(point.start < MERGER_DAY ? [A, B].sort() : undefined);
      expect(trend.partOf).toEqual([]);
    }
    const all = (await recountOver(lineage, "overall")).get("all")!;
    const distribution = await json(await admin.get(`/stats/distribution?unit=${C}&from=${FROM}&to=${TO}`));
    expect(distribution.n).toBe(all.n);
    expect(distribution.levels.map((l: { level: number; count: number }) => l.count)).toEqual([3, 2, 1].map((level) => all.levels[level] ?? 0));
    expect(distribution.predecessors).toHaveLength(2);

    const compare = await json(await admin.get(`/stats/compare?unit=${PROVINCE}&from=${FROM}&to=${TO}`));
    const rowOf = (code: string) => compare.children.find((row: { unit: { code: string } }) => row.unit.code === code);
    expect(sameFigure(rowOf(C), expectedFigure(all, MIN_SAMPLE))).toBe(true);
    expect(rowOf(C).predecessors.map((p: { code: string }) => p.code).sort()).toEqual([A, B].sort());
    // No answer in two rows: A and B are within C's row, and the rows add up to the parent's total.
    expect([rowOf(A), rowOf(B)]).toEqual([undefined, undefined]);
    expect(compare.children.reduce((n: number, row: { n: number }) => n + row.n, 0)).toBe(compare.total.n);

    // Before the merger, the communes of then: A and B, not C.
    const then = await json(await admin.get(`/stats/compare?unit=${PROVINCE}&from=2026-01-01&to=2026-02-28`));
    const thenCodes = then.children.map((row: { unit: { code: string } }) => row.unit.code);
    expect(thenCodes).toEqual(expect.arrayContaining([A, B]));
    expect(thenCodes).not.toContain(C);

    const polite = (await recountOver(lineage, "e3_polite")).get("all")!;
    const elements = await json(await admin.get(`/stats/elements?unit=${C}&from=${FROM}&to=${TO}`));
    const statement = elements.elements.flatMap((e: { statements: { id: string; n: number }[] }) => e.statements).find((s: { id: string }) => s.id === "e3_polite");
    expect(statement.n).toBe(polite.n);
    expect(elements.predecessors).toHaveLength(2);
  });

  it("keeps each merged commune readable on its own, equal to its own recount, ending the day before", async () => {
    for (const unit of [A, B]) {
      const trend = await expectTrendIsRecountOf(admin, unit, "overall", [unit]);
      expect(trend.predecessors).toEqual([]);
      expect(trend.points.filter((p: { start: string; n: number }) => p.start >= MERGER_DAY && p.n > 0)).toEqual([]);
    }
  });

  it("carries a later merger into an existing commune through the earlier one: its figures include all three", async () => {
    const later = "2026-05-01";
    const parentThen = await parentFigures();
    const res = await admin.send("POST", "/mergers", { from: [C], into: other, on: later });
    expect(res.status, await res.clone().text()).toBe(201);
    const trend = await expectTrendIsRecountOf(admin, other, "overall", [other, C, A, B]);
    expect(Object.fromEntries(trend.predecessors.map((p: { code: string; until: string }) => [p.code, p.until]))).toEqual({ [C]: later, [A]: MERGER_DAY, [B]: MERGER_DAY });
    const compare = await json(await admin.get(`/stats/compare?unit=${PROVINCE}&from=${FROM}&to=${TO}`));
    const codes = compare.children.map((row: { unit: { code: string } }) => row.unit.code);
    expect(codes).toContain(other);
    expect(codes.filter((code: string) => [A, B, C].includes(code))).toEqual([]);
    expect(compare.children.reduce((n: number, row: { n: number }) => n + row.n, 0)).toBe(compare.total.n);
    expect(await parentFigures()).toEqual(parentThen);
  });
});

describe("a split of a commune into an existing one and a new one", () => {
  it("leaves the old commune's history its own: the continuing units name it and start on the day", async () => {
    const [, , , E, F] = communes as string[];
    await answersAt(E!, "2026-04-01T03:00:00Z", 10);
    await answersAt(F!, "2026-04-01T03:00:00Z", 5);
    const on = "2026-05-01";
    const res = await admin.send("POST", "/splits", { from: E, into: [F, { name: "Xã Tách Mới", parent: PROVINCE, kind: "xa" }], on });
    expect(res.status, await res.clone().text()).toBe(201);
    const { successors } = (await res.json()) as { successors: string[] };
    const G = successors[1];
    expect(successors).toEqual([F, `${PROVINCE}-sn2`]);

    await expectTrendIsRecountOf(admin, E!, "overall", [E!]);
    for (const unit of [F!, G!]) {
      const trend = await expectTrendIsRecountOf(admin, unit, "overall", [unit]);
      expect(trend.predecessors).toEqual([]);
      expect(trend.partOf).toEqual([{ code: E, name: expect.any(String), until: on }]);
      expect(trend.points.some((p: { includes?: string[] }) => p.includes)).toBe(false);
    }
    const { results } = await catalog().prepare("SELECT predecessor, successor, kind FROM successions WHERE predecessor = ?1 ORDER BY 2").bind(E).all();
    expect(results).toEqual([F, G].sort().map((s) => ({ predecessor: E, successor: s, kind: "split" })));
  });
});

describe("a merger of a commune's desks", () => {
  it("closes the desks with their officials and continues them in a new desk of the commune", async () => {
    const commune = communes[5]!;
    const add = async (path: string, name: string) => {
      const res = await admin.send("POST", path, { name });
      expect(res.status).toBe(201);
      return ((await res.json()) as { code: string }).code;
    };
    const [first, second] = [await add(`/units/${commune}/desks`, "Bộ phận một cửa số 1"), await add(`/units/${commune}/desks`, "Bộ phận một cửa số 2")];
    const official = await add(`/units/${first}/officials`, "Trần Thị Mai");
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    // Opened today, so a merger today would leave them no day of their own.
    const early = await admin.send("POST", "/mergers", { from: [first, second], into: { name: "Trung tâm một cửa", parent: commune, kind: "desk" }, on: today });
    expect(early.status).toBe(400);
    for (const db of [catalog(), shard(PROVINCE)]) await db.prepare("UPDATE units SET valid_from = '2026-01-01' WHERE code IN (?1, ?2)").bind(first, second).run();
    // Nor a day before an official at one of them opened.
    const beforeOfficial = await admin.send("POST", "/mergers", { from: [first, second], into: { name: "Trung tâm một cửa", parent: commune, kind: "desk" }, on: today });
    expect(beforeOfficial.status).toBe(400);
    expect(((await beforeOfficial.json()) as any).error.fields.on).toContain(official);
    for (const db of [catalog(), shard(PROVINCE)]) await db.prepare("UPDATE units SET valid_from = '2026-01-01' WHERE code = ?1").bind(official).run();
    const res = await admin.send("POST", "/mergers", { from: [first, second], into: { name: "Trung tâm một cửa", parent: commune, kind: "desk" }, on: today });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ successors: [`${commune}-tn3`], closed: [first, official, second].sort() });
  });
});

describe("a merger of a commune with a survey of its own", () => {
  it("scores the continuing commune's elements with the merged commune's own statements too", async () => {
    const [own, continuing] = [communes[6]!, communes[7]!];
    const sipas = JSON.parse((await catalog().prepare("SELECT definition FROM surveys WHERE id = 'sipas' ORDER BY version DESC LIMIT 1").first<string>("definition"))!);
    const statement = { ...sipas.statements[0], id: "own_queue" };
    await catalog()
      .prepare("INSERT INTO surveys (id, version, owner, definition, published_at) VALUES ('own_survey', 1, ?1, ?2, '2025-12-01T00:00:00Z')")
      .bind(own, JSON.stringify({ ...sipas, statements: [...sipas.statements, statement] }))
      .run();
    forgetContexts();
    for (let i = 0; i < 6; i++) {
      const res = await postAt(Date.parse("2026-01-10T03:00:00Z") + i * DAY_MS, answerSet({ unit: own, survey: "own_survey", answers: { overall: 3, own_queue: 4 } }));
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const res = await admin.send("POST", "/mergers", { from: [own], into: continuing, on: "2026-02-01" });
    expect(res.status, await res.clone().text()).toBe(201);
    const elements = await json(await admin.get(`/stats/elements?unit=${continuing}&from=${FROM}&to=${TO}`));
    const statements = elements.elements.flatMap((e: { statements: { id: string; n: number }[] }) => e.statements);
    expect(statements.find((s: { id: string }) => s.id === "own_queue")).toMatchObject({ n: 6 });
  });
});
