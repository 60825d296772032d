import { beforeAll, describe, expect, it, vi } from "vitest";
import { SIPAS } from "../../worker/domain/templates.ts";
import { vnDay } from "../../worker/domain/vn-time.ts";
import { loginAs, someAddress, type Client } from "./accounts.ts";
import { parseCsv } from "./csv.ts";
import { answerSet, postResponse } from "./helpers.ts";

const UNIT = "13285"; // Phường Phủ Lý, Ninh Bình
const COMMENT = 'Rất hài lòng, cán bộ "tận tình"\nsẽ giới thiệu người quen';
const OVERALL_TEXT = SIPAS.overall.vi;
const VN_CLOCK = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

let viewer: Client;
let ids: string[];
beforeAll(async () => {
  viewer = await loginAs("viewer", "37");
  const bodies = [
    answerSet({ unit: UNIT, survey: "sipas", answers: { overall: 3, e3_polite: 5 }, comment: COMMENT, caseCode: "HS-2026/001" }),
    answerSet({ unit: UNIT, answers: { overall: 1 }, reason: "=HYPERLINK(\"http://x\")" }),
    answerSet({ unit: UNIT, answers: { overall: 2 } }),
  ];
  for (const body of bodies) expect((await postResponse(body)).status).toBe(201);
  ids = bodies.map((b) => b.id);
});

async function download(path: string, as = viewer) {
  const res = await as.get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="hailong-[\w.-]+\.csv"$/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(new TextDecoder().decode(bytes.slice(3)));
}

describe("CSV exports", () => {
  it("answers: UTF-8 with a BOM, one header row, Vietnamese and line breaks intact, formulas defused", async () => {
    const today = vnDay(new Date());
    const [header, ...rows] = await download(`/exports/responses.csv?unit=37&from=${today}&to=${today}`);
    expect(header).toEqual([
      "Mã phiếu", "Trạng thái", "Thời điểm nhận (giờ Việt Nam)", "Thời điểm đánh giá (giờ Việt Nam)", "Ngày (giờ Việt Nam)", "Mã đơn vị", "Đơn vị", "Khảo sát", "Phiên bản", "Kênh", "Ngôn ngữ", "Mã hồ sơ",
      `overall — ${OVERALL_TEXT}`, "overall (nhãn mức)", "e3_polite — Công chức có thái độ giao tiếp lịch sự", "e3_polite (nhãn mức)", "Lý do không hài lòng", "Góp ý",
    ]);
    expect(rows).toHaveLength(3);
    const byId = new Map(rows.map((r) => [r[0], r]));
    expect(byId.get(ids[0]!)![1]).toBe("Được tính");
    // Received now, on the Viet Nam clock; no answer time given.
    for (const row of rows) expect([row[2]!.slice(0, 10), row[3]]).toEqual([today, ""]);
    expect(rows[0]![2]).toMatch(VN_CLOCK);
    expect(byId.get(ids[0]!)!.slice(4)).toEqual([today, UNIT, "Phường Phủ Lý", "sipas", "1", "web", "vi", "HS-2026/001", "3", "Rất hài lòng", "5", "Rất hài lòng", "", COMMENT]);
    expect(byId.get(ids[1]!)!.slice(12)).toEqual(["1", "Không hài lòng", "", "", "'=HYPERLINK(\"http://x\")", ""]);
    expect(byId.get(ids[2]!)!.slice(12)).toEqual(["2", "Hài lòng", "", "", "", ""]);
  });

  it("trend: the same points as the API, suppressed ones empty, with the measures of the complaints received in each", async () => {
    const today = vnDay(new Date());
    const [header, ...rows] = await download(`/exports/trend.csv?unit=${UNIT}&bucket=day&from=${today}&to=${today}`);
    expect(header).toEqual([
      "Mã đơn vị", "Đơn vị", "Câu hỏi", "Nội dung câu hỏi", "Từ ngày", "Số phiếu", "Số hài lòng", "Tỷ lệ hài lòng (%)", "Cận dưới 95% (%)", "Cận trên 95% (%)", "Điểm trung bình",
      "Phản ánh nhận", "Đã xử lý", "Thời gian xử lý trung vị (giờ)", "Xử lý đúng hạn", "Số phản ánh đến hạn", "Tỷ lệ đúng hạn (%)", "Đang mở", "Quá hạn",
    ]);
    // One complaint (the reason), open and not yet due; the praise is no complaint.
    expect(rows).toEqual([[UNIT, "Phường Phủ Lý", "overall", OVERALL_TEXT, today, "3", "", "", "", "", "", "1", "0", "", "0", "0", "", "1", "0"]]);
  });

  it("validates like the screens", async () => {
    expect((await viewer.get("/exports/trend.csv?unit=37&bucket=year")).status).toBe(400);
    expect((await viewer.get("/exports/responses.csv")).status).toBe(400);
  });
});

describe("the answers export across shards", () => {
  /** Posts answer sets for a unit, each from its own address (no limit is reached), on one Viet Nam day. */
  async function answersAt(unit: string, count: number, day: string): Promise<string[]> {
    const bodies = Array.from({ length: count }, () => answerSet({ unit, answers: { overall: 2 }, answeredAt: `${day}T09:00:00+07:00` }));
    for (const body of bodies) expect((await postResponse(body, { "cf-connecting-ip": someAddress() })).status).toBe(201);
    return bodies.map((b) => b.id);
  }

  it("gives the country every province's answers, shard after shard, under one header", async () => {
    // Yesterday (answeredAt may lie up to 14 days back): no other test here answers on it.
    const day = vnDay(new Date(Date.now() - 86_400_000));
    const sent = [...(await answersAt("00004", 3, day)), ...(await answersAt("13285", 2, day)), ...(await answersAt("25747", 4, day))];
    const admin = await loginAs("admin", "VN");
    const [header, ...rows] = await download(`/exports/responses.csv?unit=VN&from=${day}&to=${day}`, admin);
    expect(header![0]).toBe("Mã phiếu");
    expect(rows.map((r) => r[0]).sort()).toEqual([...sent].sort());
    // Answered at 09:00 in Viet Nam, as the file says it.
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set([`${day} 09:00:00`]));
    // Hà Nội (01), then Ninh Bình (37), then Hồ Chí Minh City (79): one shard after another.
    expect(rows.map((r) => r[5])).toEqual(["00004", "00004", "00004", "13285", "13285", "25747", "25747", "25747", "25747"]);
  });

  it("beyond what one request can read (EXPORT_MAX_ROWS, 200 here), prepares the file as a job instead", async () => {
    const day = vnDay(new Date(Date.now() - 2 * 86_400_000));
    const sent = await answersAt("00008", 201, day);
    const admin = await loginAs("admin", "01");
    const res = await admin.get(`/exports/responses.csv?unit=01&from=${day}&to=${day}`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string; messageVi: string } };
    expect(body.error).toMatchObject({ code: "export_too_large", message: expect.stringContaining("201 answer sets"), messageVi: expect.stringContaining("201 phiếu") });
    // Another unit of the province, with fewer answers that day, goes through.
    expect((await admin.get(`/exports/responses.csv?unit=00004&from=${day}&to=${day}`)).status).toBe(200);

    const started = await admin.send("POST", "/exports", { unit: "01", from: day, to: day });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const job = await vi.waitFor(
      async () => {
        const now = (await (await admin.get(`/exports/${id}`)).json()) as { status: string; rows: number; url?: string };
        if (now.status !== "ready") throw new Error(`still ${now.status}`);
        return now;
      },
      { timeout: 55_000, interval: 50 },
    );
    expect(job.rows).toBe(201);
    const [header, ...rows] = await download(job.url!.slice("/api/v1".length), admin);
    expect(header![0]).toBe("Mã phiếu");
    expect(rows.map((r) => r[0]).sort()).toEqual([...sent].sort());
  });
});
