import readXlsxFile from "read-excel-file/universal";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { addUnits } from "../../worker/db/units.ts";
import { addDays } from "../../worker/domain/period.ts";
import { vnDay } from "../../worker/domain/vn-time.ts";
import { loginAs, someAddress, type Client } from "./accounts.ts";
import { answerSet, postResponse, shard, store } from "./helpers.ts";

const COMMUNE = "22015"; // Phường Tuy Hòa, Đắk Lắk
const DESK = "22015-tn";
const OFFICIAL = "22015-tn-an";
const MIN_SAMPLE = 30;
const FROM = "2026-03-01";
const TODAY = vnDay(new Date());
// To tomorrow: a complaint received today stays in the period should Viet Nam's midnight pass during the run.
const TO = addDays(TODAY, 1);
const PERIOD = `from=${FROM}&to=${TO}`;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let manager: Client;
let viewer: Client;

/** Posts an answer set, received at `at` if given (the worker's clock set there); returns its id after checking the status. */
async function post(overrides: Parameters<typeof answerSet>[0], status = 201, at?: string): Promise<string> {
  if (at) vi.setSystemTime(new Date(at));
  const body = answerSet({ unit: COMMUNE, ...overrides });
  expect((await postResponse(body, { "cf-connecting-ip": someAddress() })).status).toBe(status);
  return body.id;
}

async function resolve(id: string, at: string) {
  vi.setSystemTime(new Date(at));
  expect((await manager.send("PATCH", `/feedback/${id}`, { status: "resolved", note: "Đã xử lý xong" })).status).toBe(200);
}

beforeAll(async () => {
  await addUnits(store(), [
    { code: DESK, name: "Bộ phận một cửa", kind: "desk", parent: COMMUNE },
    { code: OFFICIAL, name: "Trần Văn Bình", kind: "official", parent: DESK },
  ]);
  manager = await loginAs("manager", COMMUNE);
  viewer = await loginAs("viewer", COMMUNE);
  // Received today, with real time: open and within its deadline.
  await post({ answers: { overall: 1 }, reason: "Chưa được hẹn ngày trả" });
  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    const onTime = await post({ answers: { overall: 1 }, reason: "Chờ lâu" }, 201, "2026-03-01T03:00:00Z");
    const late = await post({ answers: { overall: 1 }, reason: "Thiếu hướng dẫn" }, 201, "2026-03-01T04:00:00Z");
    await post({ answers: { overall: 1 }, reason: "Không có chỗ ngồi" }, 201, "2026-03-02T03:00:00Z"); // open past its due day
    await post({ unit: DESK, survey: "sipas", official: OFFICIAL, answers: { overall: 1 }, reason: "Thái độ chưa đúng mực" }, 201, "2026-03-03T03:00:00Z");
    await post({ answers: { overall: 3 }, comment: "Cán bộ nhiệt tình" }, 201, "2026-03-04T03:00:00Z"); // feedback, not a complaint
    await post({ answers: { overall: 1 }, reason: "Chờ lâu", website: "http://spam.example" }, 202, "2026-03-04T04:00:00Z"); // quarantined
    await post({ unit: DESK, survey: "sipas", caseCode: "H66.10-260305-0001", answers: { overall: 2, e3_polite: 4 } }, 201, "2026-03-05T03:00:00Z");
    await post({ unit: DESK, survey: "sipas", caseCode: "h66 10 260305 0001", answers: { overall: 1, e3_polite: 1 } }, 422, "2026-03-05T04:00:00Z");
    for (let i = 0; i < 30; i++) {
      await post({ unit: DESK, survey: "sipas", answers: { overall: 3, e3_polite: i % 5 === 0 ? 2 : 5 } }, 201, `2026-03-06T${String(i % 24).padStart(2, "0")}:10:00Z`);
    }
    await resolve(onTime, "2026-03-05T02:00:00Z");
    // Due on 16 March (Viet Nam), resolved on the 17th at 00:30 Viet Nam time.
    await resolve(late, "2026-03-16T17:30:00Z");
  } finally {
    vi.useRealTimers();
  }
});

interface RawRow {
  unit: string;
  official: string | null;
  status: string;
  overall: number | null;
  kind: string | null;
  itemStatus: string | null;
  dueDay: string | null;
  resolvedAt: string | null;
}

/** The ratios' counts recounted from the stored answers and inbox rows of a subtree. */
async function recount(root: string, officials: boolean) {
  const { results } = await shard("66")
    .prepare(
      `SELECT r.unit, r.official, r.status, json_extract(r.answers, '$.overall') AS overall, f.kind, f.status AS itemStatus, f.due_day AS dueDay, f.resolved_at AS resolvedAt
       FROM responses r LEFT JOIN feedback f ON f.response_id = r.id WHERE r.day BETWEEN ?1 AND ?2`,
    )
    .bind(FROM, TO)
    .all<RawRow>();
  const counted = (r: RawRow) => r.official ?? r.unit;
  const rows = results.filter((r) => r.status === "accepted" && (counted(r) === root || counted(r).startsWith(`${root}-`)) && (officials || counted(r) !== OFFICIAL));
  const complaints = rows.filter((r) => r.kind === "complaint");
  const onTime = complaints.filter((r) => r.itemStatus === "resolved" && vnDay(new Date(r.resolvedAt!)) <= r.dueDay!);
  const openWithin = complaints.filter((r) => r.itemStatus !== "resolved" && r.dueDay! >= TODAY);
  const satisfied = rows.filter((r) => r.overall !== 1 && !(r.kind === "complaint" && r.itemStatus !== "resolved"));
  const ratio = (numerator: number, denominator: number) => ({ numerator, denominator, share: denominator >= MIN_SAMPLE ? numerator / denominator : null });
  // A count of ratings below the minimum is withheld, as a figure's is.
  const ratings = (numerator: number, denominator: number) => (denominator >= MIN_SAMPLE ? ratio(numerator, denominator) : { numerator: null, denominator, share: null });
  return {
    onTime: ratio(onTime.length, complaints.length),
    notUnsatisfiedOrLate: ratio(onTime.length + openWithin.length, complaints.length),
    satisfiedSets: ratings(satisfied.length, rows.length),
  };
}

type Report766 = { unit: string; units: ({ code: string; name: string } & Awaited<ReturnType<typeof recount>>)[] };

async function json<T>(as: Client, path: string): Promise<T> {
  const res = await as.get(path);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

async function sheets(as: Client, path: string) {
  const res = await as.get(path);
  expect(res.headers.get("content-type"), `${res.status}`).toBe(XLSX);
  return readXlsxFile(await res.blob());
}

describe("Decision 766's ratios", () => {
  it("agree with a recount of the raw rows, for a manager (the official's complaint counts) and a viewer (it does not)", async () => {
    for (const [as, officials] of [[manager, true], [viewer, false]] as const) {
      const report = await json<Report766>(as, `/reports/766?unit=${COMMUNE}&${PERIOD}`);
      expect(report.units.map((u) => u.code)).toEqual([COMMUNE, DESK]);
      for (const unit of report.units) {
        const { code: _, name: __, ...ratios } = unit;
        expect(ratios, `${unit.code} ${officials}`).toEqual(await recount(unit.code, officials));
      }
    }
  });

  it("counts what was chosen: on time, late, open within and past the deadline; no feedback, no quarantined answer, a case once", async () => {
    const [commune, desk] = (await json<Report766>(manager, `/reports/766?unit=${COMMUNE}&${PERIOD}`)).units;
    // Complaints: on time, late, open past, open within, the official's (open past).
    expect(commune).toMatchObject({
      name: "Phường Tuy Hòa",
      onTime: { numerator: 1, denominator: 5, share: null },
      notUnsatisfiedOrLate: { numerator: 2, denominator: 5, share: null },
      satisfiedSets: { numerator: 32, denominator: 37, share: 32 / 37 },
    });
    expect(desk).toMatchObject({ onTime: { numerator: 0, denominator: 1 }, satisfiedSets: { numerator: 31, denominator: 32, share: 31 / 32 } });
    const [, viewersDesk] = (await json<Report766>(viewer, `/reports/766?unit=${COMMUNE}&${PERIOD}`)).units;
    expect(viewersDesk).toMatchObject({ onTime: { numerator: 0, denominator: 0, share: null }, satisfiedSets: { numerator: 31, denominator: 31, share: 1 } });
  });

  it("lists a province's communes and the country's provinces, each shard's counts added up", async () => {
    const [commune] = (await json<Report766>(manager, `/reports/766?unit=${COMMUNE}&${PERIOD}`)).units;
    const province = (await json<Report766>(await loginAs("admin", "66"), `/reports/766?unit=66&${PERIOD}`)).units;
    expect(province[0]!.code).toBe("66");
    expect(province.find((u) => u.code === COMMUNE)).toEqual(commune);
    const country = (await json<Report766>(await loginAs("admin", "VN"), `/reports/766?unit=VN&${PERIOD}`)).units;
    expect(country).toHaveLength(35);
    // Other tests' answers may arrive meanwhile: what is only this test's is the commune's.
    const daklak = country.find((u) => u.code === "66")!;
    expect(daklak.satisfiedSets.denominator).toBeGreaterThanOrEqual(commune!.satisfiedSets.denominator);
    expect(daklak.onTime.denominator).toBeGreaterThanOrEqual(commune!.onTime.denominator);
    expect(country[0]!.satisfiedSets.denominator).toBeGreaterThanOrEqual(daklak.satisfiedSets.denominator);
  });

  it("withholds a count of ratings as a figure is: below the minimum, and hidden where it would let a smaller one be had by subtraction", async () => {
    // Sơn La, today: one ward with 35 answer sets (33 satisfied), another with 4 (all satisfied).
    const [WARD, SMALL] = ["03646", "03664"];
    for (let i = 0; i < 35; i++) await post({ unit: WARD, answers: { overall: i < 33 ? 2 : 1 }, ...(i >= 33 && { reason: "Chờ lâu" }) });
    for (let i = 0; i < 4; i++) await post({ unit: SMALL, answers: { overall: 3 } });
    const admin = await loginAs("admin", "14");
    const [province, ...wards] = (await json<Report766>(admin, `/reports/766?unit=14&from=${TODAY}&to=${TO}`)).units;
    // The province's own 37 of 39 stands: what it leaves after the wards shown is the 4 hidden.
    expect(province!.satisfiedSets).toEqual({ numerator: 37, denominator: 39, share: 37 / 39 });
    const ward = (code: string) => wards.find((u) => u.code === code)!.satisfiedSets;
    expect(ward(SMALL)).toEqual({ numerator: null, denominator: 4, share: null });
    // 33 of 35 would give the small ward's 4 of 4 by subtraction from 37 of 39: hidden with it.
    expect(ward(WARD)).toEqual({ numerator: null, denominator: 35, share: null });
    // As the comparison hides it; the complaint counts stay, as the complaints queue shows them.
    const compare = await json<{ children: { unit: { code: string }; protected: boolean }[] }>(admin, `/stats/compare?unit=14&from=${TODAY}&to=${TO}`);
    expect(compare.children.find((c) => c.unit.code === WARD)!.protected).toBe(true);
    expect(wards.find((u) => u.code === WARD)!.onTime).toEqual({ numerator: 0, denominator: 2, share: null });
    const [, ...sheetRows] = (await sheets(admin, `/reports/766.xlsx?unit=14&from=${TODAY}&to=${TO}`))[0]!.data;
    expect(sheetRows.find((row) => row[0] === WARD)!.slice(-3)).toEqual([null, 35, null]);
  });

  it("XLSX: one sheet whose cells are the API's numbers", async () => {
    const report = await json<Report766>(manager, `/reports/766?unit=${COMMUNE}&${PERIOD}`);
    const book = await sheets(manager, `/reports/766.xlsx?unit=${COMMUNE}&${PERIOD}`);
    expect(book.map((s) => s.sheet)).toEqual(["Quyết định 766"]);
    const [header, ...rows] = book[0]!.data;
    expect(header!.slice(0, 5)).toEqual(["Mã đơn vị", "Đơn vị", "Phản ánh xử lý đúng hạn", "Phản ánh tiếp nhận", "Tỷ lệ xử lý đúng hạn"]);
    const cells = (r: { numerator: number | null; denominator: number; share: number | null }) => [r.numerator, r.denominator, r.share];
    expect(rows).toEqual(report.units.map((u) => [u.code, u.name, ...cells(u.onTime), ...cells(u.notUnsatisfiedOrLate), ...cells(u.satisfiedSets)]));
  });

  it("keeps to the account's scope", async () => {
    for (const path of ["/reports/766", "/reports/766.xlsx", "/reports/sipas", "/reports/sipas.xlsx"]) {
      expect((await manager.get(`${path}?unit=66&${PERIOD}`)).status).toBe(403);
    }
    expect((await viewer.get(`/reports/766?unit=${OFFICIAL}&${PERIOD}`)).status).toBe(403);
  });
});

type Fig = { n: number; satisfied: number | null; share: number | null; lower: number | null; upper: number | null; mean: number | null };
type SipasReport = { units: { code: string; name: string; overall: Fig; elements: ({ element: number; name: { vi: string } } & Fig)[] }[] };

describe("the SIPAS view", () => {
  it("gives each unit's overall and element figures as /stats gives them", async () => {
    const report = await json<SipasReport>(manager, `/reports/sipas?unit=${COMMUNE}&${PERIOD}`);
    expect(report.units.map((u) => u.code)).toEqual([COMMUNE, DESK]);
    const compare = await json<{ total: Fig; children: ({ unit: { code: string } } & Fig)[] }>(manager, `/stats/compare?unit=${COMMUNE}&${PERIOD}`);
    // The figure alone, without the comparison's own fields (unit, protected, previous, change…).
    const figureOf = ({ n, satisfied, share, lower, upper, mean }: Fig): Fig => ({ n, satisfied, share, lower, upper, mean });
    expect(report.units[0]!.overall).toEqual(figureOf(compare.total));
    expect(report.units[1]!.overall).toEqual(figureOf(compare.children.find((c) => c.unit.code === DESK)!));
    const elements = await json<{ elements: ({ statements: unknown } & Fig)[] }>(manager, `/stats/elements?unit=${DESK}&${PERIOD}`);
    expect(report.units[1]!.elements).toEqual(elements.elements.map(({ statements: _, ...e }) => e));
    expect(report.units[1]!.elements[0]).toMatchObject({ element: 3, n: 31, satisfied: 25 });
  });

  it("XLSX: a sheet per table whose cells are the API's numbers", async () => {
    const report = await json<SipasReport>(manager, `/reports/sipas?unit=${COMMUNE}&${PERIOD}`);
    const book = await sheets(manager, `/reports/sipas.xlsx?unit=${COMMUNE}&${PERIOD}`);
    expect(book.map((s) => s.sheet)).toEqual(["Hài lòng chung", "Yếu tố SIPAS"]);
    const figureCells = (f: Fig) => [f.n, f.satisfied, f.share, f.lower, f.upper, f.mean];
    const [overallHeader, ...overall] = book[0]!.data;
    expect(overallHeader).toEqual(["Mã đơn vị", "Đơn vị", "Số phiếu", "Số hài lòng", "Tỷ lệ hài lòng", "Cận dưới 95%", "Cận trên 95%", "Điểm trung bình"]);
    expect(overall).toEqual(report.units.map((u) => [u.code, u.name, ...figureCells(u.overall)]));
    const [, ...elements] = book[1]!.data;
    expect(elements).toEqual(report.units.flatMap((u) => u.elements.map((e) => [u.code, u.name, e.element, e.name.vi, ...figureCells(e)])));
    expect(elements.length).toBeGreaterThan(0);
  });
});
