import fc from "fast-check";
import readXlsxFile from "read-excel-file/universal";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { BUCKETS, type Bucket } from "../../worker/domain/period.ts";
import { loginAs, someAddress, type Client } from "./accounts.ts";
import { parseCsv } from "./csv.ts";
import { answerSet, postResponse } from "./helpers.ts";
import { expectedFigure, recount, sameFigure } from "./recount.ts";

const MIN_SAMPLE = 30;
const DAY_MS = 24 * 3600 * 1000;

/** Submits an answer set through the public API as if received at `at`. */
async function submitAt(at: number, body: ReturnType<typeof answerSet>): Promise<void> {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at);
  try {
    const res = await postResponse(body, { "cf-connecting-ip": someAddress() });
    if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
  } finally {
    vi.useRealTimers();
  }
}

let admin: Client;
beforeAll(async () => {
  admin = await loginAs("admin", "VN");
});
afterEach(() => vi.useRealTimers());

const json = async (res: Response) => {
  expect(res.status).toBe(200);
  return res.json() as Promise<any>;
};

describe("figures agree with a recount from the raw answers", () => {
  // Two wards of Hà Nội, over a period that crosses a quarter, months and a new year.
  const FROM = "2025-09-20";
  const TO = "2026-02-10";
  const start = Date.parse("2025-09-19T17:00:00Z"); // 00:00 on FROM in Viet Nam
  const answer = fc.record({
    unit: fc.constantFrom("00004", "00008"),
    // Anywhere in the period, often close to a Viet Nam midnight.
    at: fc.oneof(
      fc.integer({ min: 0, max: 144 * DAY_MS - 1 }),
      fc.tuple(fc.integer({ min: 1, max: 143 }), fc.integer({ min: -2000, max: 2000 })).map(([d, ms]) => d * DAY_MS + ms),
    ),
    overall: fc.integer({ min: 1, max: 3 }),
    polite: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  });

  it("trend, compare, distribution and elements, on random data", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 20, maxLength: 70 }), fc.constantFrom(...BUCKETS), async (answers, bucket: Bucket) => {
        for (const a of answers) {
          await submitAt(start + a.at, answerSet({ unit: a.unit, survey: "sipas", answers: { overall: a.overall, ...(a.polite && { e3_polite: a.polite }) } }));
        }
        for (const [unit, item] of [["01", "overall"], ["00004", "overall"], ["00008", "e3_polite"]] as const) {
          const trend = await json(await admin.get(`/stats/trend?unit=${unit}&item=${item}&bucket=${bucket}&from=${FROM}&to=${TO}`));
          expect(trend).toMatchObject({ unit, item, bucket, minSample: MIN_SAMPLE, from: FROM, to: TO });
          const expected = await recount(unit, item, FROM, TO, bucket);
          for (const point of trend.points) {
            const want = expectedFigure(expected.get(point.start), MIN_SAMPLE);
            if (!sameFigure(point, want)) expect({ start: point.start, ...point }).toEqual({ start: point.start, ...want });
          }
          // Every bucket with answers is among the points, and the points cover every answer.
          const starts = new Set(trend.points.map((p: { start: string }) => p.start));
          for (const key of expected.keys()) expect(starts).toContain(key);
          const total = [...expected.values()].reduce((n, r) => n + r.n, 0);
          expect(trend.points.reduce((n: number, p: { n: number }) => n + p.n, 0)).toBe(total);
        }

        const compare = await json(await admin.get(`/stats/compare?unit=01&from=${FROM}&to=${TO}`));
        expect(sameFigure(compare.total, expectedFigure((await recount("01", "overall", FROM, TO)).get("all"), MIN_SAMPLE))).toBe(true);
        for (const code of ["00004", "00008"]) {
          const child = compare.children.find((c: { unit: { code: string } }) => c.unit.code === code);
          expect(child.unit).toEqual({ code, name: expect.any(String), kind: "phuong" });
          // A child hidden to protect another shows its n only, as one below the minimum does.
          const want = expectedFigure((await recount(code, "overall", FROM, TO)).get("all"), child.protected ? Infinity : MIN_SAMPLE);
          if (!sameFigure(child, want)) expect(child).toMatchObject(want);
        }
        // No hidden figure can be had by subtraction: what the shown children leave of the
        // province's answers is nothing, or at least the minimum (when the province's own
        // figure is shown at all).
        type Shown = { n: number; share: number | null };
        if (compare.total.share !== null && compare.children.some((c: Shown) => c.n > 0 && c.n < MIN_SAMPLE)) {
          const left = compare.total.n - compare.children.filter((c: Shown) => c.share !== null).reduce((n: number, c: Shown) => n + c.n, 0);
          expect(left === 0 || left >= MIN_SAMPLE).toBe(true);
        }
        // The funnel shows the children's rows and nothing more: a hidden figure has n only.
        expect(compare.funnel.p0).toBe(compare.total.share);
        expect(compare.funnel.units.map((u: { code: string; n: number }) => [u.code, u.n])).toEqual(
          compare.children.map((c: { unit: { code: string }; n: number }) => [c.unit.code, c.n]),
        );
        for (const [i, point] of compare.funnel.units.entries()) {
          const child = compare.children[i];
          if (child.share === null) expect(point).toEqual({ code: child.unit.code, n: child.n });
          else expect(point).toMatchObject({ share: child.share, label: expect.stringMatching(/^(within|above|below)$/) });
        }

        const dist = await json(await admin.get(`/stats/distribution?unit=01&item=e3_polite&from=${FROM}&to=${TO}`));
        const polite = (await recount("01", "e3_polite", FROM, TO)).get("all");
        expect(dist.scale).toBe(5);
        expect(dist.n).toBe(polite?.n ?? 0);
        expect(dist.levels.map((l: { level: number }) => l.level)).toEqual([5, 4, 3, 2, 1]);
        const shown = (polite?.n ?? 0) >= MIN_SAMPLE;
        for (const l of dist.levels) expect(l.count).toBe(shown ? (polite?.levels[l.level] ?? 0) : null);

        const elements = await json(await admin.get(`/stats/elements?unit=01&from=${FROM}&to=${TO}`));
        if (polite) {
          expect(elements.elements).toHaveLength(1);
          const [element] = elements.elements;
          expect(element).toMatchObject({ element: 3, name: { vi: "Công chức giải quyết công việc" } });
          expect(element.statements).toHaveLength(1);
          expect(element.statements[0]).toMatchObject({ id: "e3_polite", text: { vi: "Công chức có thái độ giao tiếp lịch sự" } });
          expect(sameFigure(element.statements[0], expectedFigure(polite, MIN_SAMPLE))).toBe(true);
          expect(sameFigure(element, expectedFigure(polite, MIN_SAMPLE))).toBe(true);
        }
      }),
      { numRuns: 6 },
    );
  }, 120_000);
});

describe("buckets and suppression", () => {
  const UNIT = "00025";
  const at = (iso: string, overall = 3) => submitAt(Date.parse(iso), answerSet({ unit: UNIT, answers: { overall } }));

  it("counts Viet Nam days: 16:59:59 UTC is still the same day, 17:00 UTC is the next", async () => {
    await at("2025-11-30T16:59:59.999Z"); // Sunday 30 November, 23:59 in Ha Noi
    await at("2025-11-30T17:00:00.000Z"); // Monday 1 December, 00:00 in Ha Noi
    const days = await json(await admin.get(`/stats/trend?unit=${UNIT}&bucket=day&from=2025-11-29&to=2025-12-02`));
    expect(days.points.map((p: { start: string; n: number }) => [p.start, p.n])).toEqual([
      ["2025-11-29", 0],
      ["2025-11-30", 1],
      ["2025-12-01", 1],
      ["2025-12-02", 0],
    ]);
    // Weeks start on Monday: the Sunday belongs to the week of 24 November.
    const weeks = await json(await admin.get(`/stats/trend?unit=${UNIT}&bucket=week&from=2025-11-20&to=2025-12-10`));
    expect(weeks.points.map((p: { start: string; n: number }) => [p.start, p.n])).toEqual([
      ["2025-11-17", 0],
      ["2025-11-24", 1],
      ["2025-12-01", 1],
      ["2025-12-08", 0],
    ]);
  });

  it("starts quarters in January, April, July and October", async () => {
    await at("2025-09-30T16:59:00Z"); // 30 September in Ha Noi: third quarter
    await at("2025-09-30T17:01:00Z"); // 1 October in Ha Noi: fourth quarter
    const quarters = await json(await admin.get(`/stats/trend?unit=${UNIT}&bucket=quarter&from=2025-08-15&to=2026-01-15`));
    expect(quarters.points.map((p: { start: string; n: number }) => [p.start, p.n])).toEqual([
      ["2025-07-01", 1],
      ["2025-10-01", 3], // with the two answers of 30 November and 1 December
      ["2026-01-01", 0],
    ]);
    const months = await json(await admin.get(`/stats/trend?unit=${UNIT}&bucket=month&from=2025-09-01&to=2025-10-31`));
    expect(months.points.map((p: { start: string; n: number }) => [p.start, p.n])).toEqual([
      ["2025-09-01", 1],
      ["2025-10-01", 1],
    ]);
  });

  it("suppresses every number but n below the minimum sample, and shows them from it on", async () => {
    const day = "2025-06-10T03:00:00Z";
    for (let i = 0; i < MIN_SAMPLE - 1; i++) await at(day, i % 4 === 0 ? 1 : 3);
    const url = `/stats/trend?unit=${UNIT}&bucket=month&from=2025-06-01&to=2025-06-30`;
    const below = await json(await admin.get(url));
    expect(below.points).toEqual([{ start: "2025-06-01", n: MIN_SAMPLE - 1, satisfied: null, share: null, lower: null, upper: null, mean: null }]);
    const dist = await json(await admin.get(`/stats/distribution?unit=${UNIT}&from=2025-06-01&to=2025-06-30`));
    expect(dist.levels.map((l: { count: number | null }) => l.count)).toEqual([null, null, null]);

    await at(day, 3);
    const [point] = (await json(await admin.get(url))).points;
    // 22 of 30 satisfied (8 of the 29 were "Không hài lòng").
    expect(point).toMatchObject({ n: 30, satisfied: 22 });
    expect(point.share).toBeCloseTo(22 / 30, 12);
    expect(point.lower).toBeCloseTo(0.5555, 4);
    expect(point.upper).toBeCloseTo(0.8582, 4);
    expect(point.mean).toBeCloseTo((8 * 1 + 22 * 3) / 30, 12);
  });

  it("refuses a period that ends before it starts, a day that does not exist, and unknown parameters", async () => {
    for (const query of ["from=2025-05-02&to=2025-05-01", "from=2025-02-30", "bucket=year", "item=Overall", "colour=red"]) {
      const res = await admin.get(`/stats/trend?unit=${UNIT}&${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "invalid", fields: expect.any(Object) } });
    }
  });

  it("defaults to the last twelve calendar months", async () => {
    const trend = await json(await admin.get(`/stats/trend?unit=${UNIT}`));
    expect(trend.bucket).toBe("month");
    expect(trend.points).toHaveLength(12);
    expect(trend.points[0].start).toBe(trend.from);
    expect(trend.points.at(-1).start <= trend.to).toBe(true);
  });
});

describe("the comparison against the previous period", () => {
  // Lai Châu from 1 to 30 August 2025 (30 days), against 2 to 31 July 2025, the 30 days before.
  const [PROVINCE, A, B, C] = ["12", "03388", "03390", "03394"];
  const FROM = "2025-08-01";
  const TO = "2025-08-30";
  /** `count` answers to a unit on a Viet Nam day at noon, `satisfied` of them "Hài lòng", the rest "Không hài lòng". */
  async function answers(unit: string, day: string, count: number, satisfied: number) {
    for (let i = 0; i < count; i++) await submitAt(Date.parse(`${day}T05:00:00Z`), answerSet({ unit, answers: { overall: i < satisfied ? 2 : 1 } }));
  }
  type Row = { unit: { code: string }; n: number; share: number | null; protected: boolean; previous: { n: number; share: number | null } | null; change: number | null };

  beforeAll(async () => {
    // Before: B below the minimum, so C, the smaller of those shown, is hidden to protect it.
    await answers(A, "2025-07-10", 40, 30);
    await answers(B, "2025-07-02", 10, 0);
    await answers(C, "2025-07-31", 35, 35);
    // Now: B has nothing and nothing needs protecting.
    await answers(A, "2025-08-01", 40, 20);
    await answers(C, "2025-08-30", 35, 28);
    // The day after the period: in neither.
    await answers(B, "2025-08-31", 5, 5);
  });

  it("is the same units over the same number of days just before, suppressed and protected as that period would be", async () => {
    const compare = await json(await admin.get(`/stats/compare?unit=${PROVINCE}&from=${FROM}&to=${TO}`));
    expect(compare.previous).toEqual({ from: "2025-07-02", to: "2025-07-31" });
    const before = expectedFigure((await recount(PROVINCE, "overall", "2025-07-02", "2025-07-31")).get("all"), MIN_SAMPLE);
    expect(before).toMatchObject({ n: 85, satisfied: 65 });
    expect(compare.total).toMatchObject({ n: 75, share: 48 / 75, previous: { n: 85, share: before.share }, change: 48 / 75 - 65 / 85 });
    const row = (code: string) => compare.children.find((c: Row) => c.unit.code === code) as Row;
    expect(row(A)).toMatchObject({ n: 40, share: 0.5, protected: false, previous: { n: 40, share: 0.75 }, change: -0.25 });
    expect(row(C)).toMatchObject({ n: 35, share: 0.8, protected: false, previous: { n: 35, share: null }, change: null });
    expect(row(B)).toMatchObject({ n: 0, share: null, previous: { n: 10, share: null }, change: null });
    // What the previous period's own comparison shows, no more.
    const then = await json(await admin.get(`/stats/compare?unit=${PROVINCE}&from=2025-07-02&to=2025-07-31`));
    for (const child of compare.children as Row[]) {
      const earlier = (then.children as Row[]).find((c) => c.unit.code === child.unit.code)!;
      expect(child.previous).toEqual({ n: earlier.n, share: earlier.share });
    }
    expect((then.children as Row[]).find((c) => c.unit.code === C)!.protected).toBe(true);
  });

  it("exports as CSV and XLSX with the API's numbers: shares as percentages, labels and reasons in Vietnamese", async () => {
    const compare = await json(await admin.get(`/stats/compare?unit=${PROVINCE}&from=${FROM}&to=${TO}`));
    const pct = (share: number | null) => (share === null ? "" : (share * 100).toFixed(1));
    const csv = await admin.get(`/exports/compare.csv?unit=${PROVINCE}&from=${FROM}&to=${TO}`);
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="hailong-compare-${PROVINCE}-overall-${FROM}-${TO}.csv"`);
    const [header, ...rows] = parseCsv((await csv.text()).replace(/^\uFEFF/, ""));
    expect(header).toEqual([
      "Mã đơn vị", "Đơn vị", "Số phiếu", "Số hài lòng", "Tỷ lệ hài lòng (%)", "Cận dưới 95% (%)", "Cận trên 95% (%)",
      "Ước lượng hiệu chỉnh theo cỡ mẫu (%)", "Biểu đồ phễu", "Số phiếu kỳ trước", "Tỷ lệ hài lòng kỳ trước (%)", "Thay đổi (điểm %)", "Ghi chú",
    ]);
    // The province first, then every child the API lists, in its order.
    expect(rows.map((r) => r[0])).toEqual([PROVINCE, ...compare.children.map((c: Row) => c.unit.code)]);
    expect(rows[0]!.slice(1, 5)).toEqual(["Tỉnh Lai Châu", "75", "48", pct(48 / 75)]);
    expect(rows[0]!.slice(9, 12)).toEqual(["85", pct(65 / 85), pct(48 / 75 - 65 / 85)]);
    const byCode = new Map(rows.map((r) => [r[0], r]));
    const childA = compare.children.find((c: Row) => c.unit.code === A);
    const funnelA = compare.funnel.units.find((u: { code: string }) => u.code === A);
    const LABELS: Record<string, string> = { within: "Trong giới hạn", above: "Cao hơn kỳ vọng", below: "Thấp hơn kỳ vọng" };
    expect(byCode.get(A)).toEqual([
      ...[A, "Phường Đoàn Kết", "40", "20", "50.0", pct(childA.lower), pct(childA.upper), pct(funnelA.shrunk), LABELS[funnelA.label]],
      ...["40", "75.0", "-25.0", ""],
    ]);
    expect(byCode.get(B)!.slice(2)).toEqual(["0", "", "", "", "", "", "", "10", "", "", "Chưa có phiếu"]);
    expect(byCode.get(C)!.slice(9)).toEqual(["35", "", "", ""]);

    const xlsx = await admin.get(`/exports/compare.xlsx?unit=${PROVINCE}&from=${FROM}&to=${TO}`);
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const [sheet] = await readXlsxFile(await xlsx.blob());
    expect(sheet!.sheet).toBe("So sánh");
    const [xlsxHeader, ...xlsxRows] = sheet!.data;
    expect(xlsxHeader).toEqual(header);
    // Numbers as numbers: the shares themselves, shown as percentages.
    const row = (code: string) => xlsxRows.find((r) => r[0] === code)!;
    expect(row(A).slice(2, 12)).toEqual([40, 20, 0.5, childA.lower, childA.upper, funnelA.shrunk, LABELS[funnelA.label], 40, 0.75, -0.25]);
    expect(row(PROVINCE).slice(9, 12)).toEqual([85, 65 / 85, 48 / 75 - 65 / 85]);
  });
});
