import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eraseFeedbackText } from "../../worker/db/feedback.ts";
import { setResponseStatus } from "../../worker/db/responses.ts";
import { addUnits } from "../../worker/db/units.ts";
import { answerSet, api, catalog, closeUnit, forgetContexts, postResponse, rollup, shard, snapshot, store } from "./helpers.ts";

/*
 * Every answer counted once, at a unit that serves citizens, on the day it was given: replays
 * answered first, one rating per case however it is written, no answers to the country or a
 * province, the device's time believed when plausible, and a database that refuses every
 * write that would make a figure disagree with a recount.
 */

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

type ErrorBody = { error: { code: string; message: string; messageVi: string; fields?: Record<string, string> } };
const errorOf = async (res: Response) => ((await res.json()) as ErrorBody).error;
const stored = (id: string) =>
  shard().prepare("SELECT unit, day, received_at, answered_at, case_code, reason, comment, status FROM responses WHERE id = ?1").bind(id).first();

describe("replays are answered first", () => {
  it("acknowledges a case-coded answer sent again after its response was lost (200, not 422)", async () => {
    const body = answerSet({ unit: "00160", survey: "sipas", caseCode: "H26.10-260101-0001" });
    expect((await postResponse(body)).status).toBe(201);
    const before = await snapshot();
    const again = await postResponse(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: body.id, status: "accepted" });
    expect(await snapshot()).toBe(before);
  });

  it("acknowledges a replay although the client's rate limit is used up", async () => {
    const unit = "00226";
    const first = answerSet({ unit });
    expect((await postResponse(first)).status).toBe(201);
    let status = 201;
    for (let sent = 0; status === 201 && sent < 1000; sent++) status = (await postResponse(answerSet({ unit }))).status;
    expect(status).toBe(429);
    expect((await postResponse(first)).status).toBe(200);
  }, 30_000);

  it("acknowledges a replay for a unit closed since the answer was stored", async () => {
    await addUnits(store(), [{ code: "00166-tn", name: "Bộ phận một cửa", kind: "desk", parent: "00166" }]);
    const body = answerSet({ unit: "00166-tn" });
    expect((await postResponse(body)).status).toBe(201);
    await closeUnit("00166-tn", "2026-01-01");
    expect((await postResponse(body)).status).toBe(200);
    expect((await postResponse(answerSet({ unit: "00166-tn" }))).status).toBe(404);
  });

  it("stores one row for concurrent copies of a case-coded answer: one 201, the rest 200", async () => {
    const body = answerSet({ unit: "00229", survey: "sipas", caseCode: "H26.10-260101-0002" });
    const statuses = await Promise.all(Array.from({ length: 8 }, () => postResponse(body).then((r) => r.status)));
    expect(statuses.sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const count = await shard().prepare("SELECT count(*) AS n FROM responses WHERE unit = '00229'").first<number>("n");
    expect(count).toBe(1);
  });
});

describe("Turnstile", () => {
  const unit = "00256";
  /** A stand-in for siteverify: each token it issued verifies once, like Cloudflare's. */
  function standInSiteverify() {
    const issued = new Set(["token-1", "token-2"]);
    const real = globalThis.fetch;
    return vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url !== env.TURNSTILE_VERIFY_URL) return real(input, init);
      const form = init?.body as FormData;
      const ok = form.get("secret") === env.TURNSTILE_SECRET_KEY && issued.delete(String(form.get("response")));
      return Response.json({ success: ok });
    });
  }
  beforeAll(async () => {
    await catalog().prepare("INSERT INTO unit_settings (unit, turnstile_site_key) VALUES (?1, 'site-key')").bind(unit).run();
    forgetContexts();
  });

  it("tells the widget which script to load", async () => {
    const survey = (await (await api(`/units/${unit}/survey`)).json()) as { turnstile: unknown };
    expect(survey.turnstile).toEqual({ siteKey: "site-key", script: env.TURNSTILE_SCRIPT_URL });
  });

  it("verifies the token once; a replay with a spent or new token is acknowledged, not refused", async () => {
    const verify = standInSiteverify();
    const body = answerSet({ unit });
    expect((await postResponse(answerSet({ unit }))).status).toBe(403); // no token
    expect((await postResponse({ ...body, turnstile: "forged" })).status).toBe(403);
    expect((await postResponse({ ...body, turnstile: "token-1" })).status).toBe(201);
    expect((await postResponse({ ...body, turnstile: "token-1" })).status).toBe(200);
    expect((await postResponse({ ...body, turnstile: "token-2" })).status).toBe(200);
    expect((await postResponse(body)).status).toBe(200);
    // Replays never reached siteverify: only the forged token and the first receipt did.
    expect(verify.mock.calls.filter(([input]) => String(input) === env.TURNSTILE_VERIFY_URL)).toHaveLength(2);
  });
});

describe("one rating per case, however it is written", () => {
  beforeAll(async () => {
    await addUnits(store(), [{ code: "00175-tn", name: "Bộ phận một cửa", kind: "desk", parent: "00175" }]);
  });

  it.each([
    ["lower case and spaces", "h26 10 260101 0003"],
    ["fullwidth characters", "Ｈ２６．１０－２６０１０１－０００３"],
    ["en and em dashes", "H26–10—260101‐0003"],
    ["an invisible space", "H26.10-260101\u200b-0003"],
    ["no separators", "H2610260101 0003"],
  ])("refuses a second rating with %s (422), at the commune or its desk", async (_what, spelling) => {
    const first = answerSet({ unit: "00175", survey: "sipas", caseCode: "H26.10-260101-0003" });
    const had = (await postResponse(first)).status;
    expect([201, 422]).toContain(had); // the first spelling is stored by the first row only
    for (const unit of ["00175", "00175-tn"]) {
      const before = await snapshot();
      const again = await postResponse(answerSet({ unit, survey: "sipas", caseCode: spelling }));
      expect(again.status).toBe(422);
      expect((await errorOf(again)).code).toBe("case_already_rated");
      expect(await snapshot()).toBe(before);
    }
  });

  it("keeps the code as written, and takes the same code at another commune", async () => {
    const body = answerSet({ unit: "00283", survey: "sipas", caseCode: "  Ｈ２６.10 - 0004 " });
    expect((await postResponse(body)).status).toBe(201);
    expect(await stored(body.id)).toMatchObject({ case_code: "H26.10 - 0004" });
    expect((await postResponse(answerSet({ unit: "00292", survey: "sipas", caseCode: "H26.10-0004" }))).status).toBe(201);
  });

  it("refuses a code of separators only (400)", async () => {
    const res = await postResponse(answerSet({ unit: "00283", survey: "sipas", caseCode: "--- . ---" }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).fields).toHaveProperty("caseCode");
  });
});

describe("only service points receive answers", () => {
  it.each([
    ["the country", "VN"],
    ["a province", "01"],
  ])("refuses an answer addressed to %s (400 naming unit), storing nothing", async (_what, unit) => {
    const before = await snapshot();
    const res = await postResponse(answerSet({ unit }));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("invalid");
    expect(Object.keys(error.fields ?? {})).toEqual(["unit"]);
    expect(error.messageVi).toMatch(/^Vui lòng kiểm tra lại: Đơn vị/);
    expect(await snapshot()).toBe(before);
    expect((await api(`/units/${unit}/survey`)).status).toBe(400);
  });

  it("takes answers at a province's own one-stop centre, added as a desk, and keys its cases there", async () => {
    await addUnits(store(), [{ code: "01-tthc", name: "Trung tâm phục vụ hành chính công", kind: "desk", parent: "01" }]);
    const body = answerSet({ unit: "01-tthc", survey: "sipas", caseCode: "H26-0001" });
    expect((await postResponse(body)).status).toBe(201);
    expect(await shard().prepare("SELECT case_key FROM responses WHERE id = ?1").bind(body.id).first("case_key")).toBe("01:H260001");
    expect(await rollup("01-tthc", "overall", new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10))).toMatchObject({ n: 1 });
  });

});

describe("counted on the day it was given", () => {
  const at = (iso: string) => vi.setSystemTime(new Date(iso));

  it("counts an answer given offline yesterday on yesterday, and keeps both times", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at("2026-03-31T17:10:00Z"); // 00:10 on 1 April in Ha Noi
    const body = answerSet({ unit: "00301", answeredAt: "2026-03-31T23:50:00+07:00" });
    expect((await postResponse(body)).status).toBe(201);
    expect(await stored(body.id)).toMatchObject({ day: "2026-03-31", received_at: "2026-03-31T17:10:00.000Z", answered_at: "2026-03-31T16:50:00.000Z" });
    expect(await rollup("00301", "overall", "2026-03-31")).toMatchObject({ n: 1 });
    expect(await rollup("00301", "overall", "2026-04-01")).toBeNull();
  });

  it.each([
    ["two days before, across a month end", "2026-05-30T10:00:00+07:00", "2026-05-30"],
    ["almost fourteen days before", "2026-05-18T11:00:00+07:00", "2026-05-18"],
    ["after its receipt (a clock running ahead)", "2026-06-02T09:00:00+07:00", "2026-06-01"],
    ["older than the outbox keeps answers", "2026-05-10T10:00:00+07:00", "2026-06-01"],
  ])("an answer given %s counts on %s", async (_what, answeredAt, day) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at("2026-06-01T03:00:00Z"); // 10:00 on 1 June in Ha Noi
    const body = answerSet({ unit: "00316", answeredAt });
    expect((await postResponse(body)).status).toBe(201);
    expect(await stored(body.id)).toMatchObject({ day });
  });

  it.each(["yesterday", "2026-05-01T10:00:00", "2026-13-01T10:00:00Z", ""])("refuses answeredAt %j (400 naming the field)", async (answeredAt) => {
    const before = await snapshot();
    const res = await postResponse(answerSet({ unit: "00316", answeredAt }));
    expect(res.status).toBe(400);
    expect(Object.keys((await errorOf(res)).fields ?? {})).toEqual(["answeredAt"]);
    expect(await snapshot()).toBe(before);
  });

  it("documents answeredAt in OpenAPI", async () => {
    const doc = (await (await api("/openapi.json")).json()) as { paths: Record<string, { post?: { requestBody: { content: Record<string, { schema: { properties: Record<string, { description?: string }> } }> } } }> };
    const schema = doc.paths["/responses"]?.post?.requestBody.content["application/json"]?.schema;
    expect(schema?.properties.answeredAt?.description).toMatch(/Viet Nam day/);
  });
});

describe("only the survey's own items, only clean text", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype", "e3_nope"])("refuses the item %j (400), storing nothing", async (item) => {
    const before = await snapshot();
    const raw = `{"id":"${crypto.randomUUID()}","unit":"00190","survey":"quick","version":1,"answers":{"overall":3,"${item}":3},"channel":"web","lang":"vi"}`;
    const res = await postResponse(raw);
    expect(res.status).toBe(400);
    expect(Object.keys((await errorOf(res)).fields ?? {}).some((f) => f.startsWith("answers"))).toBe(true);
    expect(await snapshot()).toBe(before);
  });

  it("refuses an answers object without its own overall answer", async () => {
    const raw = `{"id":"${crypto.randomUUID()}","unit":"00190","survey":"quick","version":1,"answers":{"__proto__":{"overall":3}},"channel":"web","lang":"vi"}`;
    expect((await postResponse(raw)).status).toBe(400);
  });

  it.each([
    ["reason", { answers: { overall: 1 }, reason: "Chờ lâu \ud83d" }],
    ["comment", { comment: "\udc00 rất tốt" }],
    ["caseCode", { survey: "sipas", caseCode: "H26\ud800" }],
  ])("refuses %s with an unpaired surrogate (400 naming it)", async (field, change) => {
    const before = await snapshot();
    const res = await postResponse(JSON.stringify(answerSet({ unit: "00190", ...change })));
    expect(res.status).toBe(400);
    expect(Object.keys((await errorOf(res)).fields ?? {})).toEqual([field]);
    expect(await snapshot()).toBe(before);
  });

  it("stores text composed (NFC), whatever the keyboard sent", async () => {
    const decomposed = "Thái độ chưa niềm nở".normalize("NFD");
    const body = answerSet({ unit: "00190", answers: { overall: 1 }, reason: decomposed });
    expect((await postResponse(body)).status).toBe(201);
    expect(await stored(body.id)).toMatchObject({ reason: "Thái độ chưa niềm nở".normalize("NFC") });
    // A replay in the other form is the same content.
    expect((await postResponse({ ...body, reason: body.reason!.normalize("NFC") })).status).toBe(200);
  });
});

describe("the database defends the count", () => {
  const count = async (unit: string, day: string) => (await rollup(unit, "overall", day))?.n ?? 0;
  const day = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

  it("moves an answer out of every rollup when quarantined, and back when released", async () => {
    const body = answerSet({ unit: "00322", answers: { overall: 1 }, reason: "Chờ lâu" });
    expect((await postResponse(body)).status).toBe(201);
    const units = ["00322", "01", "VN"];
    const counted = await Promise.all(units.map((u) => count(u, day())));
    await setResponseStatus(store(), "00322", [body.id], "quarantined");
    expect(await Promise.all(units.map((u) => count(u, day())))).toEqual(counted.map((n) => n - 1));
    expect(await rollup("00322", "overall", day())).toBeNull(); // nothing else counted there
    await setResponseStatus(store(), "00322", [body.id], "accepted");
    expect(await Promise.all(units.map((u) => count(u, day())))).toEqual(counted);
  });

  it("refuses a release that would rate a case twice, changing nothing", async () => {
    const first = answerSet({ unit: "00328", survey: "sipas", caseCode: "HS-9" });
    expect((await postResponse(first)).status).toBe(201);
    await setResponseStatus(store(), "00328", [first.id], "quarantined");
    const second = answerSet({ unit: "00328", survey: "sipas", caseCode: "hs 9" });
    expect((await postResponse(second)).status).toBe(201);
    const before = await snapshot();
    await expect(setResponseStatus(store(), "00328", [first.id], "accepted")).rejects.toThrow(/UNIQUE/);
    expect(await snapshot()).toBe(before);
  });

  it.each([
    ["changing an answer", "UPDATE responses SET answers = json_object('overall', 3) WHERE unit = '00199'"],
    ["moving it to another day", "UPDATE responses SET day = '2020-01-01' WHERE unit = '00199'"],
    ["moving it to another unit", "UPDATE responses SET unit = '00331' WHERE unit = '00199'"],
    ["rewriting its text", "UPDATE responses SET reason = 'đã sửa' WHERE unit = '00199'"],
    ["deleting it", "DELETE FROM responses WHERE unit = '00199'"],
    ["deleting its rollups", "DELETE FROM rollups WHERE unit = '00199'"],
    ["deleting its inbox item", "DELETE FROM feedback WHERE unit = '00199'"],
    ["re-parenting its unit", "UPDATE units SET parent = '79' WHERE code = '00199'"],
    ["deleting its unit", "DELETE FROM units WHERE code = '00199'"],
    ["cutting the closure", "DELETE FROM unit_ancestors WHERE unit = '00199'"],
  ])("refuses %s", async (_what, sql) => {
    if (!(await shard().prepare("SELECT 1 FROM responses WHERE unit = '00199'").first())) {
      expect((await postResponse(answerSet({ unit: "00199", answers: { overall: 1 }, reason: "Chờ lâu" }))).status).toBe(201);
    }
    const before = await snapshot();
    await expect(shard().prepare(sql).run()).rejects.toThrow();
    // The registry is the catalog's too: it refuses the same change to its units and closure.
    if (/\b(units|unit_ancestors)\b/.test(sql)) await expect(catalog().prepare(sql).run()).rejects.toThrow();
    expect(await snapshot()).toBe(before);
  });

  it("erases personal text on request and keeps the answer counted", async () => {
    const body = answerSet({ unit: "00337", answers: { overall: 1 }, reason: "Tôi là Nguyễn Văn A, nhà số 5" });
    expect((await postResponse(body)).status).toBe(201);
    const counted = await count("00337", day());
    expect(await eraseFeedbackText(store(), body.id, new Date())).toBe(true);
    expect(await stored(body.id)).toMatchObject({ reason: null, comment: null, status: "accepted" });
    expect(await count("00337", day())).toBe(counted);
    // A replay of the erased answer set is still acknowledged as the same answer.
    expect((await postResponse(body)).status).toBe(200);
  });
});
