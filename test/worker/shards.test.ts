import fc from "fast-check";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loginAs, someAddress, type Client } from "./accounts.ts";
import { answerSet, catalog, postResponse, responsesPerShard, shards, WARD } from "./helpers.ts";
import { expectReadModelMatchesRecount } from "./recount.ts";

/*
 * The answers are spread over one database per province: through the API alone, an answer
 * lands in its province's shard and nowhere else, and the country's figures are the sum of
 * the provinces', whatever answers arrive where.
 */

const DAY_MS = 24 * 3600_000;

/** Posts an answer set from its own address as if received at `at`; answers the status. */
async function postAt(at: number, body: ReturnType<typeof answerSet>): Promise<number> {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at);
  try {
    return (await postResponse(body, { "cf-connecting-ip": someAddress() })).status;
  } finally {
    vi.useRealTimers();
  }
}

const json = async (res: Response) => {
  expect(res.status).toBe(200);
  return res.json() as Promise<any>;
};

type Compare = { total: { n: number }; excluded: number; children: { unit: { code: string; kind: string }; n: number }[] };
type Trend = { points: { start: string; n: number; satisfied: number | null; mean: number | null }[] };

/** A commune of a province, from the catalog's registry. */
async function communeOf(province: string): Promise<string> {
  const code = await catalog()
    .prepare("SELECT code FROM units WHERE parent = ?1 AND kind IN ('xa', 'phuong') ORDER BY code LIMIT 1")
    .bind(province)
    .first<string>("code");
  if (!code) throw new Error(`no commune in province ${province}`);
  return code;
}

let admin: Client;
let provinces: string[];
beforeAll(async () => {
  admin = await loginAs("admin", "VN");
  const { results } = await catalog().prepare("SELECT code FROM units WHERE kind = 'province' ORDER BY code").all<{ code: string }>();
  provinces = results.map((r) => r.code);
});
afterEach(() => vi.useRealTimers());

describe("an answer's shard", () => {
  it("stores a Hà Nội commune's answer in Hà Nội's shard only, and counts it in the country's figures", async () => {
    // A day of its own: nothing else in this file is answered on it.
    const day = "2026-07-04";
    const body = answerSet({ unit: WARD, answers: { overall: 2 } });
    expect(await postAt(Date.parse(`${day}T03:00:00Z`), body)).toBe(201);

    expect(shards().size).toBe(34);
    expect(await responsesPerShard("id = ?1", body.id)).toEqual({ "01": 1 });
    expect(await responsesPerShard("day = ?1", day)).toEqual({ "01": 1 });

    const period = `from=${day}&to=${day}`;
    const distribution = await json(await admin.get(`/stats/distribution?unit=VN&${period}`));
    expect(distribution).toMatchObject({ unit: "VN", n: 1, excluded: 0 });
    const compare = (await json(await admin.get(`/stats/compare?unit=VN&${period}`))) as Compare;
    expect(compare.total.n).toBe(1);
    expect(compare.children.filter((c) => c.n > 0).map((c) => [c.unit.code, c.n])).toEqual([["01", 1]]);
    const trend = (await json(await admin.get(`/stats/trend?unit=VN&bucket=day&${period}`))) as Trend;
    expect(trend.points.map((p) => [p.start, p.n])).toEqual([[day, 1]]);
    // A replay is acknowledged from the same shard and counted once.
    expect(await postAt(Date.parse(`${day}T04:00:00Z`), body)).toBe(200);
    expect(await responsesPerShard("id = ?1", body.id)).toEqual({ "01": 1 });
    expect((await json(await admin.get(`/stats/distribution?unit=VN&${period}`))).n).toBe(1);
  }, 30_000);
});

describe("the country's figures are the sum of the provinces'", () => {
  const FROM = "2026-08-01";
  const TO = "2026-08-21";
  const start = Date.parse("2026-07-31T17:00:00Z"); // 00:00 on FROM in Viet Nam

  it("lists each province with its own n in compare, totals them, and sums their trends", async () => {
    // Hà Nội, Ninh Bình and Thành phố Hồ Chí Minh: enough answers in each for every figure to show.
    const wards: Record<string, string> = { "01": WARD, "37": await communeOf("37"), "79": await communeOf("79") };
    const sent: Record<string, number> = { "01": 34, "37": 31, "79": 45 };
    for (const [province, count] of Object.entries(sent)) {
      for (let i = 0; i < count; i++) {
        const at = start + ((i * 7 + Number(province)) % 21) * DAY_MS + ((i * 37) % 24) * 3600_000;
        const body = answerSet({ unit: wards[province]!, answers: { overall: [3, 2, 1, 3, 2][(i + Number(province)) % 5]! } });
        expect(await postAt(at, body)).toBe(201);
      }
    }
    // Each province's answers are in its shard only.
    const inPeriod = await responsesPerShard("day BETWEEN ?1 AND ?2", FROM, TO);
    expect(inPeriod).toEqual(sent);

    const period = `from=${FROM}&to=${TO}`;
    const compare = (await json(await admin.get(`/stats/compare?unit=VN&${period}`))) as Compare;
    expect(compare.children.map((c) => c.unit.code)).toEqual(provinces);
    expect(compare.children.every((c) => c.unit.kind === "province")).toBe(true);
    expect(Object.fromEntries(compare.children.filter((c) => c.n > 0).map((c) => [c.unit.code, c.n]))).toEqual(sent);
    const sum = Object.values(sent).reduce((a, b) => a + b, 0);
    expect(compare.total.n).toBe(sum);
    expect(compare.children.reduce((n, c) => n + c.n, 0)).toBe(sum);
    for (const province of Object.keys(sent)) {
      const own = (await json(await admin.get(`/stats/compare?unit=${province}&${period}`))) as Compare;
      expect(own.total.n, province).toBe(sent[province]);
    }

    for (const bucket of ["day", "week", "month"] as const) {
      const trendOf = async (unit: string) => (await json(await admin.get(`/stats/trend?unit=${unit}&bucket=${bucket}&${period}`))) as Trend;
      const country = await trendOf("VN");
      const parts = await Promise.all(Object.keys(sent).map(trendOf));
      expect(country.points.map((p) => p.start), bucket).toEqual(parts[0]!.points.map((p) => p.start));
      for (const [i, point] of country.points.entries()) {
        const same = parts.map((t) => t.points[i]!);
        for (const p of same) expect(p.start).toBe(point.start);
        expect(point.n, `${bucket} ${point.start}`).toBe(same.reduce((n, p) => n + p.n, 0));
      }
      expect(country.points.reduce((n, p) => n + p.n, 0), bucket).toBe(sum);
    }
    // Over the whole period every figure is shown: the country's satisfied and mean are the provinces' summed.
    const month = async (unit: string) => ((await json(await admin.get(`/stats/trend?unit=${unit}&bucket=month&${period}`))) as Trend).points[0]!;
    const country = await month("VN");
    const parts = await Promise.all(Object.keys(sent).map(month));
    for (const p of [country, ...parts]) expect(p.satisfied).not.toBeNull();
    expect(country.satisfied).toBe(parts.reduce((k, p) => k + p.satisfied!, 0));
    expect(country.mean).toBeCloseTo(parts.reduce((s, p) => s + p.mean! * p.n, 0) / sum, 9);
    await expectReadModelMatchesRecount();
  }, 60_000);
});

describe("any answers across provinces", () => {
  // Communes of five provinces: Hà Nội, Cao Bằng, Ninh Bình, Đà Nẵng, Thành phố Hồ Chí Minh.
  const PROVINCES = ["01", "04", "37", "48", "79"];
  const FROM = "2026-09-01";
  const TO = "2026-09-30";
  const start = Date.parse("2026-09-04T17:00:00Z"); // 00:00 on 5 September in Viet Nam

  it("keeps every shard's rollups equal to a recount, and the country's n equal to the answers accepted in all shards", async () => {
    // A commune of each province, and a second one in Ninh Bình.
    const unitsOf: Record<string, string[]> = {};
    for (const p of PROVINCES) unitsOf[p] = [p === "01" ? WARD : await communeOf(p)];
    const second = await catalog()
      .prepare("SELECT code FROM units WHERE parent = '37' AND kind IN ('xa', 'phuong') ORDER BY code LIMIT 1 OFFSET 1")
      .first<string>("code");
    unitsOf["37"]!.push(second!);

    const answerIn = (provinceArb: fc.Arbitrary<string>) =>
      fc.record({
        province: provinceArb,
        pick: fc.nat(),
        overall: fc.integer({ min: 1, max: 3 }),
        honeypot: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
        // Within twenty days from `start`, so every answer counts inside the period.
        at: fc.integer({ min: 0, max: 20 * DAY_MS }),
        // Answered when it arrived, or up to three days before (offline).
        answeredBefore: fc.option(fc.integer({ min: 0, max: 3 * DAY_MS }), { freq: 3 }),
        replay: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      });
    // Every run answers in at least three provinces, then anywhere.
    const runArb = fc
      .tuple(answerIn(fc.constant("01")), answerIn(fc.constant("37")), answerIn(fc.constant("79")), fc.array(answerIn(fc.constantFrom(...PROVINCES)), { maxLength: 15 }))
      .map(([a, b, c, rest]) => [a, b, c, ...rest]);

    const accepted: Record<string, number> = {};
    let quarantined = 0;
    await fc.assert(
      fc.asyncProperty(runArb, async (answers) => {
        for (const a of answers) {
          const units = unitsOf[a.province]!;
          const at = start + a.at;
          const body = answerSet({
            unit: units[a.pick % units.length]!,
            answers: { overall: a.overall },
            ...(a.honeypot && { website: "http://spam.example" }),
            ...(a.answeredBefore !== null && { answeredAt: new Date(at - a.answeredBefore).toISOString() }),
          });
          const status = await postAt(at, body);
          expect([201, 202]).toContain(status);
          if (status === 201) accepted[a.province] = (accepted[a.province] ?? 0) + 1;
          else quarantined++;
          // A replay is acknowledged and changes nothing.
          if (a.replay) expect(await postAt(at + 60_000, body)).toBe(200);
        }
        await expectReadModelMatchesRecount();

        const inShards = await responsesPerShard("status = 'accepted' AND day BETWEEN ?1 AND ?2", FROM, TO);
        expect(inShards).toEqual(accepted);
        const total = Object.values(accepted).reduce((a, b) => a + b, 0);
        const period = `from=${FROM}&to=${TO}`;
        const compare = (await json(await admin.get(`/stats/compare?unit=VN&${period}`))) as Compare;
        expect(compare.total.n).toBe(total);
        expect(compare.excluded).toBe(quarantined);
        expect(Object.fromEntries(compare.children.filter((c) => c.n > 0).map((c) => [c.unit.code, c.n]))).toEqual(accepted);
        expect((await json(await admin.get(`/stats/distribution?unit=VN&${period}`))).n).toBe(total);
      }),
      { numRuns: 15 },
    );
    expect(quarantined).toBeGreaterThan(0);
    expect(Object.keys(accepted).length).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
