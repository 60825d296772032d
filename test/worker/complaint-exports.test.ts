import { strFromU8, unzipSync } from "fflate";
import readXlsxFile from "read-excel-file/universal";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { addUnits } from "../../worker/db/units.ts";
import { xlsxStream, type SheetCell } from "../../worker/jobs/xlsx.ts";
import { loginAs, someAddress, type Client } from "./accounts.ts";
import { parseCsv } from "./csv.ts";
import { answerSet, postResponse, store } from "./helpers.ts";

const COMMUNE = "13396"; // Phường Nguyễn Uý, Ninh Bình
const DESK = "13396-tn";
const OFFICIAL = "13396-tn-an";
const PERIOD = "from=2026-02-01&to=2026-03-31";

const HEADER = [
  "Thời điểm nhận (giờ Việt Nam)", "Mã đơn vị", "Đơn vị", "Mã công chức", "Công chức", "Loại", "Mức đánh giá", "Lý do", "Góp ý",
  "Trạng thái", "Quá hạn", "Người xử lý", "Hạn xử lý", "Thời điểm xử lý xong (giờ Việt Nam)", "Thời gian xử lý (giờ)", "Ghi chú gần nhất",
];
const OFFICIAL_COLUMNS = ["Mã công chức", "Công chức"];

let manager: Client;
let viewer: Client;
/** The items, oldest first, as the manager's CSV must show them (every one overdue by now but the resolved one). */
let expected: string[][];

/** Posts an answer set received at `at` (the worker's clock set there); returns its id. */
async function receivedAt(at: string, overrides: Parameters<typeof answerSet>[0]): Promise<string> {
  vi.setSystemTime(new Date(at));
  const body = answerSet({ unit: COMMUNE, ...overrides });
  expect((await postResponse(body, { "cf-connecting-ip": someAddress() })).status).toBe(201);
  return body.id;
}

async function change(at: string, id: string, body: object) {
  vi.setSystemTime(new Date(at));
  expect((await manager.send("PATCH", `/feedback/${id}`, body)).status).toBe(200);
}

beforeAll(async () => {
  await addUnits(store(), [
    { code: DESK, name: "Bộ phận một cửa", kind: "desk", parent: COMMUNE },
    { code: OFFICIAL, name: "Nguyễn Văn An", kind: "official", parent: DESK },
  ]);
  manager = await loginAs("manager", COMMUNE, "Lê Thị Hoa");
  viewer = await loginAs("viewer", COMMUNE);
  const { accounts } = (await (await manager.get(`/feedback/assignees?unit=${COMMUNE}`)).json()) as { accounts: { id: number; name: string }[] };
  const hoa = accounts.find((a) => a.name === "Lê Thị Hoa")!.id;

  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    await receivedAt("2026-02-01T03:00:00Z", { answers: { overall: 1 }, reason: "Chờ lâu, không ai hướng dẫn" });
    // 17:30 UTC is half past midnight the next day in Viet Nam.
    const late = await receivedAt("2026-03-09T17:30:00Z", { answers: { overall: 1 }, reason: "Phải chờ quá lâu mới đến lượt" });
    await receivedAt("2026-03-10T02:00:00Z", { survey: "sipas", official: OFFICIAL, answers: { overall: 1 }, reason: "Hồ sơ trả kết quả trễ hẹn" });
    const hot = await receivedAt("2026-03-10T03:00:00Z", { answers: { overall: 1 }, reason: "Phòng chờ nóng", comment: "=1+1 nên lắp quạt" });
    await receivedAt("2026-03-10T04:00:00Z", { answers: { overall: 3 }, comment: "Cán bộ nhiệt tình, chu đáo" });
    await change("2026-03-10T05:00:00Z", late, { status: "in_progress", note: "Đã chuyển bộ phận một cửa", assignee: hoa });
    await change("2026-03-11T06:30:00Z", hot, { status: "resolved", note: "Đã lắp thêm hai quạt trần", reply: "Cảm ơn anh chị, phòng chờ đã có quạt" });
  } finally {
    vi.useRealTimers();
  }

  const unit = [COMMUNE, "Phường Nguyễn Uý"];
  const complaint = ["Phản ánh", "Không hài lòng"];
  expected = [
    ["2026-02-01 10:00", ...unit, "", "", ...complaint, "Chờ lâu, không ai hướng dẫn", "", "Mới", "Có", "", "2026-02-16", "", "", ""],
    ["2026-03-10 00:30", ...unit, "", "", ...complaint, "Phải chờ quá lâu mới đến lượt", "", "Đang xử lý", "Có", "Lê Thị Hoa", "2026-03-25", "", "", "Đã chuyển bộ phận một cửa"],
    ["2026-03-10 09:00", ...unit, OFFICIAL, "Nguyễn Văn An", ...complaint, "Hồ sơ trả kết quả trễ hẹn", "", "Mới", "Có", "", "2026-03-25", "", "", ""],
    ["2026-03-10 10:00", ...unit, "", "", ...complaint, "Phòng chờ nóng", "'=1+1 nên lắp quạt", "Đã xử lý", "Không", "", "2026-03-25", "2026-03-11 13:30", "27", "Đã lắp thêm hai quạt trần"],
    ["2026-03-10 11:00", ...unit, "", "", "Góp ý", "Rất hài lòng", "", "Cán bộ nhiệt tình, chu đáo", "Mới", "", "", "", "", "", ""],
  ];
});

async function download(as: Client, path: string, type: string) {
  const res = await as.get(path);
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get("content-type")).toBe(type);
  return res;
}

async function csvOf(as: Client, query: string) {
  const res = await download(as, `/exports/complaints.csv?unit=${COMMUNE}&${PERIOD}${query}`, "text/csv; charset=utf-8");
  expect(res.headers.get("content-disposition")).toBe(`attachment; filename="hailong-complaints-${COMMUNE}-2026-02-01-2026-03-31.csv"`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(new TextDecoder().decode(bytes.slice(3)));
}

async function sheetOf(as: Client, query: string) {
  const res = await download(as, `/exports/complaints.xlsx?unit=${COMMUNE}&${PERIOD}${query}`, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(res.headers.get("content-disposition")).toBe(`attachment; filename="hailong-complaints-${COMMUNE}-2026-02-01-2026-03-31.xlsx"`);
  const sheets = await readXlsxFile(await res.blob());
  expect(sheets.map((s) => s.sheet)).toEqual(["Phản ánh"]);
  return sheets[0]!.data;
}

/** Columns left out of rows of HEADER. */
const without = (rows: string[][], headers: string[]) => rows.map((row) => row.filter((_, i) => !headers.includes(HEADER[i]!)));

describe("the complaints export", () => {
  it("CSV: the filter's items oldest first, Vietnamese headers and labels, times in Viet Nam time, the named official for a manager", async () => {
    const [header, ...rows] = await csvOf(manager, "");
    expect(header).toEqual(HEADER);
    expect(rows).toEqual(expected);
  });

  it("CSV: a viewer gets neither the official's columns nor the items naming an official", async () => {
    const [header, ...rows] = await csvOf(viewer, "");
    expect(header).toEqual(without([HEADER], OFFICIAL_COLUMNS)[0]);
    expect(rows).toEqual(without(expected.filter((row) => row[3] === ""), OFFICIAL_COLUMNS));
  });

  it("XLSX: one sheet with the same rows, numbers as numbers and times as dates", async () => {
    const [header, ...rows] = await sheetOf(manager, "");
    expect(header).toEqual(HEADER);
    // A date cell reads back as the Viet Nam wall-clock time it shows, in a UTC Date (to the
    // nearest minute: a time of day is a binary fraction of the day).
    const minute = (date: Date) => new Date(Math.round(date.getTime() / 60_000) * 60_000).toISOString().slice(0, 16);
    const asShown = (cell: unknown) =>
      cell instanceof Date ? minute(cell).replace("T", " ").replace(/ 00:00$/, "") : typeof cell === "number" ? String(cell) : (cell ?? "");
    expect(rows.map((row) => HEADER.map((_, i) => asShown(row[i])))).toEqual(expected.map((row) => row.map((cell) => cell.replace(/^'/, ""))));
    expect(rows[3]![HEADER.indexOf("Thời gian xử lý (giờ)")]).toBe(27);
    expect(rows[0]![0]).toBeInstanceOf(Date);
  });

  it("XLSX: a viewer's sheet has no official either", async () => {
    const [header, ...rows] = await sheetOf(viewer, "");
    expect(header).toEqual(without([HEADER], OFFICIAL_COLUMNS)[0]);
    expect(rows.map((row) => row[1])).toEqual(expected.filter((row) => row[3] === "").map(() => COMMUNE));
  });

  it("narrows like the list: overdue, a search that ignores diacritics, a level", async () => {
    const reasons = async (as: Client, query: string) => (await csvOf(as, query)).slice(1).map((row) => row[HEADER.indexOf("Lý do")]);
    expect(await reasons(manager, "&status=overdue")).toEqual(["Chờ lâu, không ai hướng dẫn", "Phải chờ quá lâu mới đến lượt", "Hồ sơ trả kết quả trễ hẹn"]);
    expect(await reasons(manager, "&q=cho")).toEqual(["Chờ lâu, không ai hướng dẫn", "Phải chờ quá lâu mới đến lượt", "Phòng chờ nóng"]);
    expect(await reasons(manager, "&q=TRE%20HEN&kind=complaint")).toEqual(["Hồ sơ trả kết quả trễ hẹn"]);
    // The official's item is not found for a viewer, even by its own words.
    expect((await csvOf(viewer, "&q=tre%20hen")).slice(1)).toEqual([]);
    const sheet = await sheetOf(manager, "&status=overdue&level=1");
    expect(sheet.slice(1).map((row) => row[HEADER.indexOf("Lý do")])).toEqual(["Chờ lâu, không ai hướng dẫn", "Phải chờ quá lâu mới đến lượt", "Hồ sơ trả kết quả trễ hẹn"]);
  });

  it("trend CSV: each month's complaint measures, without the official's complaint for a viewer", async () => {
    const measures = async (as: Client) => {
      const res = await download(as, `/exports/trend.csv?unit=${COMMUNE}&bucket=month&${PERIOD}`, "text/csv; charset=utf-8");
      const [header, ...rows] = parseCsv((await res.text()).replace(/^\uFEFF/, ""));
      return rows.map((row) => [row[header!.indexOf("Từ ngày")], ...row.slice(header!.indexOf("Phản ánh nhận"))]);
    };
    // February's complaint is past its due day unresolved; of March's, the one resolved in 27 hours was on time.
    expect(await measures(manager)).toEqual([
      ["2026-02-01", "1", "0", "", "0", "1", "0.0", "1", "1"],
      ["2026-03-01", "3", "1", "27", "1", "3", "33.3", "2", "2"],
    ]);
    expect((await measures(viewer))[1]).toEqual(["2026-03-01", "2", "1", "27", "1", "2", "50.0", "1", "1"]);
  });

  it("validates like the list and keeps to the account's scope", async () => {
    expect((await viewer.get(`/exports/complaints.csv?unit=${COMMUNE}&status=late`)).status).toBe(400);
    expect((await viewer.get(`/exports/complaints.xlsx?unit=${COMMUNE}&official=${OFFICIAL}`)).status).toBe(403);
    expect((await manager.get(`/exports/complaints.csv?unit=13285`)).status).toBe(403);
    expect((await manager.get(`/exports/complaints.xlsx?unit=${COMMUNE}&limit=5`)).status).toBe(400);
  });
});

describe("a filter selecting more than one download holds (EXPORT_MAX_ROWS, 200 here)", () => {
  const BUSY = "13597"; // Xã Vĩnh Trụ, Ninh Bình

  it("is refused before anything is sent, in both formats; narrowed, it goes through", async () => {
    for (let i = 0; i < 201; i++) {
      const body = answerSet({ unit: BUSY, answers: { overall: 1 }, reason: i === 0 ? "Thiếu ghế ngồi" : "Phải chờ quá lâu" });
      expect((await postResponse(body, { "cf-connecting-ip": someAddress() })).status).toBe(201);
    }
    const officer = await loginAs("manager", BUSY);
    for (const format of ["csv", "xlsx"]) {
      const res = await officer.get(`/exports/complaints.${format}?unit=${BUSY}`);
      expect(res.status).toBe(422);
      const { error } = (await res.json()) as { error: { code: string; message: string; messageVi: string } };
      expect(error).toMatchObject({ code: "export_too_large", message: expect.stringContaining("201 complaints"), messageVi: expect.stringContaining("201 phản ánh") });
    }
    const narrowed = await officer.get(`/exports/complaints.csv?unit=${BUSY}&q=ghe`);
    expect(narrowed.status).toBe(200);
    expect(parseCsv((await narrowed.text()).replace(/^\uFEFF/, "")).slice(1).map((row) => row[HEADER.indexOf("Lý do")])).toEqual(["Thiếu ghế ngồi"]);
  });
});

describe("the XLSX writer", () => {
  it("streams a sheet far larger than one deflate block, page after page, inside the Workers runtime", async () => {
    const text = "Phải chờ quá lâu <mới> đến lượt & \"không\" ai hướng dẫn";
    async function* pages() {
      for (let page = 0; page < 3; page++) yield Array.from({ length: 2000 }, (_, i): SheetCell[] => [page * 2000 + i, text, { day: "2026-03-10", minutes: null }]);
    }
    const columns = ["Số", "Lý do", "Ngày"].map((header) => ({ header, width: 10 }));
    const file = new Uint8Array(await new Response(xlsxStream("Phản ánh", columns, pages())).arrayBuffer());
    // read-excel-file unzips a part this large on a Web Worker, which workerd lacks: the
    // archive is read here with fflate, the values by read-excel-file in the tests above.
    const parts = unzipSync(file);
    expect(Object.keys(parts).sort()).toEqual(["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]);
    const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"]!);
    expect(sheet.length).toBeGreaterThan(1_000_000);
    expect(sheet.match(/<row /g)).toHaveLength(6001);
    expect(sheet).toContain(
      '<row r="6001"><c r="A6001"><v>5999</v></c><c r="B6001" t="inlineStr"><is><t xml:space="preserve">Phải chờ quá lâu &lt;mới&gt; đến lượt &amp; &quot;không&quot; ai hướng dẫn</t></is></c><c r="C6001" s="2"><v>46091</v></c></row></sheetData></worksheet>',
    );
  });
});
