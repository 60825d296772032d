import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { vnDay } from "../../worker/domain/vn-time.ts";
import app from "../../worker/index.ts";
import { addUnits } from "../../worker/db/units.ts";
import { answerSet, api, catalog, forgetContexts, interceptD1, postResponse, rollup, shard, snapshot, store, WARD } from "./helpers.ts";

afterEach(() => {
  vi.useRealTimers();
});

async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string; messageVi: string; fields?: Record<string, string> } };
  expect(body.error.message.length).toBeGreaterThan(10);
  expect(body.error.messageVi.length).toBeGreaterThan(10);
  return body.error;
}

describe("POST /api/v1/responses: receipts", () => {
  it("stores a first receipt (201), replays the same body (200) and counts once", async () => {
    const body = answerSet({ answers: { overall: 2 } });
    const day = vnDay(new Date());
    const before = await Promise.all(["00004", "01", "VN"].map(async (u) => (await rollup(u, "overall", day))?.n ?? 0));

    const first = await postResponse(body);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id: body.id, status: "accepted" });

    const again = await postResponse(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: body.id, status: "accepted" });

    const after = await Promise.all(["00004", "01", "VN"].map(async (u) => (await rollup(u, "overall", day))?.n ?? 0));
    expect(after).toEqual(before.map((n) => n + 1));
  });

  it("counts concurrent duplicate posts once: one 201, the rest 200", async () => {
    const body = answerSet({ unit: "00008", answers: { overall: 1 }, reason: "Phải chờ quá lâu" });
    const day = vnDay(new Date());
    const statuses = await Promise.all(Array.from({ length: 12 }, () => postResponse(body).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(11);
    expect(await rollup("00008", "overall", day)).toMatchObject({ n: 1, c1: 1, sum: 1, sumsq: 1 });
  });

  it("refuses the same id with a different body (422) and keeps the original", async () => {
    const body = answerSet({ unit: "00025" });
    expect((await postResponse(body)).status).toBe(201);
    const before = await snapshot();
    const res = await postResponse({ ...body, answers: { overall: 1 } });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe("id_reused");
    expect(await snapshot()).toBe(before);
  });

  it("takes one rating per case code and unit (422 for a second)", async () => {
    const first = answerSet({ unit: "00070", survey: "sipas", caseCode: "000.00.25.H26-260101-0001" });
    expect((await postResponse(first)).status).toBe(201);
    const before = await snapshot();
    const second = await postResponse({ ...first, id: crypto.randomUUID(), answers: { overall: 1 } });
    expect(second.status).toBe(422);
    expect((await errorOf(second)).code).toBe("case_already_rated");
    expect(await snapshot()).toBe(before);
  });

  it("stores reason and comment with phone and citizen ID numbers masked", async () => {
    const body = answerSet({
      unit: "00082",
      answers: { overall: 1 },
      reason: "Cán bộ hẹn gọi lại số 0912 345 678 nhưng không gọi",
      comment: "CCCD 001203004005",
    });
    expect((await postResponse(body)).status).toBe(201);
    const row = await shard().prepare("SELECT reason, comment FROM responses WHERE id = ?1").bind(body.id).first();
    expect(row).toEqual({ reason: "Cán bộ hẹn gọi lại số •••• ••• ••• nhưng không gọi", comment: "CCCD ••••••••••••" });
  });

  it("quarantines a filled honeypot (202): stored, never counted", async () => {
    const day = vnDay(new Date());
    const before = (await rollup("00091", "overall", day))?.n ?? 0;
    const body = answerSet({ unit: "00091", website: "http://spam.example" });
    const res = await postResponse(body);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ id: body.id, status: "quarantined" });
    expect((await rollup("00091", "overall", day))?.n ?? 0).toBe(before);
    const row = await shard().prepare("SELECT status FROM responses WHERE id = ?1").bind(body.id).first();
    expect(row).toEqual({ status: "quarantined" });
  });

  it("buckets 23:59 and 00:00 Viet Nam time into their own Viet Nam days", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-01T16:59:00Z")); // 23:59 on 1 March in Ha Noi
    expect((await postResponse(answerSet({ unit: "00097" }))).status).toBe(201);
    vi.setSystemTime(new Date("2026-03-01T17:00:00Z")); // 00:00 on 2 March in Ha Noi
    expect((await postResponse(answerSet({ unit: "00097", answers: { overall: 1 } }))).status).toBe(201);
    expect(await rollup("00097", "overall", "2026-03-01")).toMatchObject({ n: 1, c3: 1 });
    expect(await rollup("00097", "overall", "2026-03-02")).toMatchObject({ n: 1, c1: 1 });
  });

  it("counts an answer naming an official in the official's, desk's and commune's rollups", async () => {
    await addUnits(store(), [
      { code: "00103-tn", name: "Bộ phận một cửa", kind: "desk", parent: "00103" },
      { code: "00103-tn-an", name: "Nguyễn Văn An", kind: "official", parent: "00103-tn" },
      { code: "00118-tn", name: "Bộ phận một cửa", kind: "desk", parent: "00118" },
      { code: "00118-tn-binh", name: "Trần Thị Bình", kind: "official", parent: "00118-tn" },
    ]);
    const day = vnDay(new Date());
    const body = answerSet({ unit: "00103", survey: "sipas", official: "00103-tn-an", answers: { overall: 3, e3_polite: 5 } });
    expect((await postResponse(body)).status).toBe(201);
    for (const unit of ["00103-tn-an", "00103-tn", "00103", "01", "VN"]) {
      expect(await rollup(unit, "e3_polite", day), unit).toMatchObject({ c5: 1 });
    }

    const before = await snapshot();
    const elsewhere = await postResponse(answerSet({ unit: "00103", survey: "sipas", official: "00118-tn-binh" }));
    expect(elsewhere.status).toBe(400);
    expect((await errorOf(elsewhere)).fields).toEqual({ official: "not an official of this unit's commune" });
    expect(await snapshot()).toBe(before);
  });
});

describe("POST /api/v1/responses: rejections change nothing", () => {
  const big = "x".repeat(17 * 1024);
  it.each([
    ["an unknown field", { extra: true }, 400, "invalid", "extra"],
    ["a wrong type", { version: "1" }, 400, "invalid", "version"],
    ["an out-of-range level", { answers: { overall: 4 } }, 400, "invalid", "answers.overall"],
    ["a statement not in the version", { answers: { overall: 3, e3_polite: 5 } }, 400, "invalid", "answers.e3_polite"],
    ["a reason without Không hài lòng", { reason: "x" }, 400, "invalid", "reason"],
    ["text over 1,000 characters", { comment: "a".repeat(1001) }, 400, "invalid", "comment"],
    ["a missing overall answer", { answers: {} }, 400, "invalid", "answers.overall"],
    ["an id that is not a UUID", { id: "42" }, 400, "invalid", "id"],
    ["an unknown unit", { unit: "99999" }, 404, "unknown_unit", undefined],
    ["an unknown survey", { survey: "nope" }, 404, "unknown_survey", undefined],
    ["an unpublished version", { version: 7 }, 404, "unknown_survey", undefined],
    ["a body over 16 KB", { comment: big }, 413, "payload_too_large", undefined],
  ] as const)("%s → %i", async (_what, change, status, code, field) => {
    const before = await snapshot();
    const res = await postResponse(answerSet(change as object));
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    if (field) expect(Object.keys(error.fields ?? {})).toContain(field);
    expect(await snapshot()).toBe(before);
  });

  it("rejects a body that is not JSON (400) and a non-JSON content type (415)", async () => {
    const before = await snapshot();
    const broken = await postResponse("{not json");
    expect(broken.status).toBe(400);
    await errorOf(broken);
    const plain = await api("/responses", { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify(answerSet()) });
    expect(plain.status).toBe(415);
    expect((await errorOf(plain)).code).toBe("unsupported_media_type");
    expect(await snapshot()).toBe(before);
  });

  it("refuses an origin the unit has not allowed (403) and accepts it once a parent allows it", async () => {
    const origin = "https://phuonggiangvo.hanoi.gov.vn";
    const before = await snapshot();
    const refused = await postResponse(answerSet({ unit: "00025" }), { origin });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBe(origin);
    expect((await errorOf(refused)).code).toBe("origin_not_allowed");
    expect(await snapshot()).toBe(before);

    await catalog().prepare("INSERT INTO allowed_origins (unit, origin) VALUES ('01', ?1)").bind(origin).run();
    forgetContexts();
    expect((await postResponse(answerSet({ unit: "00025" }), { origin })).status).toBe(201);
  });

  it("accepts any loopback origin while the worker itself runs on loopback", async () => {
    const res = await app.request(
      "http://127.0.0.1:8787/api/v1/responses",
      { method: "POST", headers: { "content-type": "application/json", origin: "http://localhost:5173" }, body: JSON.stringify(answerSet()) },
      env,
    );
    expect(res.status).toBe(201);
  });

  it("limits one client at one unit (429 with Retry-After) without touching other units", async () => {
    const unit = "00127";
    // The limiter counts in fixed windows of real time: should one end while this runs, the
    // next fills up as well, so the loop is bounded well above two windows' worth.
    let limited: Response | undefined;
    let sent = 0;
    while (!limited && sent < 1000) {
      const res = await postResponse(answerSet({ unit }));
      sent++;
      if (res.status !== 201) limited = res;
    }
    expect(sent).toBeGreaterThan(300); // the limit is generous enough for a busy desk
    if (!limited) throw new Error("never limited");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect((await errorOf(limited)).code).toBe("rate_limited");
    expect((await postResponse(answerSet({ unit: "00136" }))).status).toBe(201);
  }, 30_000);

  it("answers 503 with Retry-After when D1 is unavailable, and stores nothing", async () => {
    // The answer's shard (Hà Nội's, for WARD) answers reads but loses its connection on the write.
    const lost = () => Promise.reject(new Error("D1_ERROR: Network connection lost."));
    // The database itself and any D1 session opened on it (the store may read through one);
    // a batch holding a write is lost as a whole, as D1 loses it.
    const writes = new WeakSet<object>();
    const failing = interceptD1(shard(), {
      prepare(prepare, sql) {
        if (!/^\s*INSERT/i.test(sql)) return prepare(sql);
        const write = { run: lost, first: lost, all: lost, raw: lost };
        writes.add(write);
        return { bind: () => write } as unknown as D1PreparedStatement;
      },
      batch: (batch, statements) => (statements.some((s) => writes.has(s)) ? lost() : batch(statements)),
    });
    const before = await snapshot();
    const res = await app.request(
      "https://hailong.example/api/v1/responses",
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(answerSet()) },
      { ...env, PROVINCE_01: failing },
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeTruthy();
    expect((await errorOf(res)).code).toBe("unavailable");
    expect(await snapshot()).toBe(before);
  });

  it("answers a CORS preflight", async () => {
    const res = await api("/responses", {
      method: "OPTIONS",
      headers: { origin: "https://example.gov.vn", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://example.gov.vn");
    expect(res.headers.get("access-control-allow-headers")).toMatch(/content-type/i);
  });
});
