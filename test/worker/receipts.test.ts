/**
 * A citizen who wrote a reason or a comment follows it with the receipt code the widget made
 * (worker/domain/receipt.ts): GET /receipts/:code says how far it is and gives the unit's
 * public reply, never what anyone wrote or who handled it. Lookups count per client address
 * (`cf-connecting-ip`), so each test looks up from its own.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { newReceipt } from "../../worker/domain/receipt.ts";
import { loginAs, someAddress, type Client } from "./accounts.ts";
import { answerSet, api, postResponse, shard, snapshot } from "./helpers.ts";

const UNIT = "00541"; // Xã Phù Đổng, Hà Nội
const OTHER_PROVINCE = "25822"; // Xã Bàu Bàng, Thành phố Hồ Chí Minh
const LIMIT = 20; // RECEIPT_LIMITER in wrangler.toml

let manager: Client;
beforeAll(async () => {
  manager = await loginAs("manager", UNIT, "Lê Thị Hoa");
});

/** Looks a code up as typed, from an address of its own unless one is given. */
function lookUp(typed: string, address = someAddress(), headers: Record<string, string> = {}): Promise<Response> {
  return api(`/receipts/${encodeURIComponent(typed)}`, { headers: { "cf-connecting-ip": address, ...headers } });
}

/** Stores a complaint with a new receipt code at a unit; returns its id and code. */
async function complain(unit = UNIT, reason = "Chờ hơn một tiếng mới được tiếp nhận hồ sơ") {
  const body = answerSet({ unit, answers: { overall: 1 }, reason, receipt: newReceipt() });
  expect((await postResponse(body)).status).toBe(201);
  return { id: body.id, code: body.receipt! };
}

describe("looking up a receipt", () => {
  it("shows a new complaint's status and times, and nothing the citizen or the unit wrote", async () => {
    const { code } = await complain();
    const res = await lookUp(code, someAddress(), { origin: "https://phudong.hanoi.gov.vn" });
    expect(res.status).toBe(200);
    const view = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(view).sort()).toEqual(["code", "receivedAt", "status", "updatedAt"]);
    expect(view).toMatchObject({ code, status: "new" });
    expect(view.updatedAt).toBe(view.receivedAt);
    expect(Date.now() - Date.parse(view.receivedAt as string)).toBeLessThan(60_000);
    // Public like the survey: any page may read it, no cache keeps it.
    expect(res.headers.get("access-control-allow-origin")).toBe("https://phudong.hanoi.gov.vn");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("shows the manager's change of status and public reply, masked, with the time of the change", async () => {
    const { id, code } = await complain();
    const received = (await (await lookUp(code)).json()) as { receivedAt: string };
    await new Promise((resolve) => setTimeout(resolve, 5));
    const change = await manager.send("PATCH", `/feedback/${id}`, {
      status: "resolved",
      note: "Nội bộ: cán bộ tiếp nhận đã được nhắc nhở",
      reply: "Xã đã bố trí thêm một cán bộ tiếp nhận buổi sáng. Cần hỗ trợ, gọi 0912 345 678.",
    });
    expect(change.status).toBe(200);
    const reply = "Xã đã bố trí thêm một cán bộ tiếp nhận buổi sáng. Cần hỗ trợ, gọi •••• ••• •••.";
    const item = (await change.json()) as any;
    expect(item).toMatchObject({ receipt: code, status: "resolved", reply });
    expect(item.history).toEqual([expect.objectContaining({ status: "resolved", note: "Nội bộ: cán bộ tiếp nhận đã được nhắc nhở", reply, by: "Lê Thị Hoa" })]);

    const resolved = (await (await lookUp(code.toLowerCase())).json()) as Record<string, string>;
    expect(resolved).toEqual({ code, status: "resolved", receivedAt: received.receivedAt, updatedAt: item.history[0].at, reply });
    expect(Date.parse(resolved.updatedAt!)).toBeGreaterThan(Date.parse(received.receivedAt));
    expect(JSON.stringify(resolved)).not.toMatch(/Nội bộ|Lê Thị Hoa|Chờ hơn/);

    // A note alone is no news to the citizen; withdrawing the reply is.
    await manager.send("PATCH", `/feedback/${id}`, { status: "resolved", note: "Đã kiểm tra lại" });
    expect(await (await lookUp(code)).json()).toEqual(resolved);
    const withdrawn = (await (await manager.send("PATCH", `/feedback/${id}`, { status: "resolved", reply: "" })).json()) as any;
    expect(withdrawn.reply).toBeNull();
    expect(withdrawn.history.map((h: any) => h.reply)).toEqual([reply, null, ""]);
    const now = (await (await lookUp(code)).json()) as Record<string, string>;
    expect(now).toEqual({ code, status: "resolved", receivedAt: received.receivedAt, updatedAt: withdrawn.history[2].at });

    // Each change of the reply is in the audit log with the status, like the status itself.
    const { results } = await shard()
      .prepare("SELECT before, after FROM audit_log WHERE action = 'feedback.status' AND target = ?1 ORDER BY id")
      .bind(id)
      .all<{ before: string; after: string }>();
    expect(results.map((r) => [JSON.parse(r.before), JSON.parse(r.after)])).toEqual([
      [{ status: "new", reply: null }, { status: "resolved", note: "Nội bộ: cán bộ tiếp nhận đã được nhắc nhở", reply }],
      [{ status: "resolved" }, { status: "resolved", note: "Đã kiểm tra lại" }],
      [{ status: "resolved", reply }, { status: "resolved", note: "", reply: null }],
    ]);
  });

  it("lists the receipt and the reply with the item in the inbox", async () => {
    const { id, code } = await complain(UNIT, "Không có chỗ để xe");
    await manager.send("PATCH", `/feedback/${id}`, { status: "in_progress", reply: "Xã đang làm thêm bãi xe." });
    const { items } = (await (await manager.get(`/feedback?unit=${UNIT}`)).json()) as { items: any[] };
    expect(items.find((i) => i.id === id)).toMatchObject({ receipt: code, reply: "Xã đang làm thêm bãi xe.", status: "in_progress" });
  });

  it("refuses a reply over its length, changing nothing", async () => {
    const { id, code } = await complain();
    const long = await manager.send("PATCH", `/feedback/${id}`, { status: "resolved", reply: "x".repeat(1001) });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ error: { code: "invalid", fields: { reply: expect.any(String) } } });
    expect(await (await lookUp(code)).json()).toMatchObject({ status: "new" });
  });

  it("takes the code as typed: any case, spaces or dashes", async () => {
    const { code } = await complain();
    const plain = code.replace("-", "");
    for (const typed of [code.toLowerCase(), `${plain.slice(0, 5)} ${plain.slice(5)}`, ` ${plain.toLowerCase()} `, plain.split("").join(" ")]) {
      const res = await lookUp(typed);
      expect(res.status, typed).toBe(200);
      expect(await res.json()).toMatchObject({ code });
    }
  });

  it("answers a malformed code with 400 and an unknown one with 404, each with words in both languages", async () => {
    for (const typed of ["K7QM4", "K7QM4-XPZ2D-AB", "O0000-11111", "K7QM4_XPZ2D"]) {
      const res = await lookUp(typed);
      expect(res.status, typed).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "invalid", message: expect.stringContaining("K7QM4-XPZ2D"), messageVi: expect.stringContaining("Mã tra cứu"), fields: { code: expect.any(String) } } });
    }
    const unknown = newReceipt();
    const unknownRes = await lookUp(unknown);
    expect(unknownRes.status).toBe(404);
    expect(await unknownRes.json()).toMatchObject({ error: { code: "unknown_receipt", message: expect.stringContaining(unknown), messageVi: expect.stringContaining("Không có phản ánh") } });
  });

  it("limits lookups per client: 429 after the limit, while others look up as usual", { timeout: 60_000 }, async () => {
    // The limit counts in one-minute windows aligned to the clock: wait rather than straddle two.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 250));
    const { code } = await complain();
    const guesser = someAddress();
    const seen: number[] = [];
    for (let i = 0; i < LIMIT; i++) seen.push((await lookUp(newReceipt(), guesser)).status);
    expect(seen).toEqual(Array(LIMIT).fill(404));
    const held = await lookUp(code, guesser);
    expect(held.status).toBe(429);
    expect(held.headers.get("retry-after")).toBe("60");
    expect(await held.json()).toMatchObject({ error: { code: "rate_limited", messageVi: expect.any(String) } });
    expect((await lookUp(code)).status).toBe(200);
  });

  it("says that an erased complaint's receipt can no longer be followed", async () => {
    const { id, code } = await complain();
    expect((await manager.send("POST", `/feedback/${id}/erasure`)).status).toBe(200);
    const res = await lookUp(code);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "receipt_erased", messageVi: expect.stringContaining("đã được xóa") } });
  });

  it("finds a complaint held out of the figures like any other, so its sender learns nothing", async () => {
    const body = answerSet({ unit: UNIT, comment: "Rất tốt", receipt: newReceipt(), website: "http://spam.example" });
    expect((await postResponse(body)).status).toBe(202);
    expect(await (await lookUp(body.receipt!)).json()).toMatchObject({ code: body.receipt, status: "new" });
  });
});

describe("a receipt in an answer set", () => {
  it("is refused without a reason or a comment (400 naming it), storing nothing", async () => {
    const before = await snapshot();
    for (const extra of [{}, { comment: "   " }, { reason: "" }]) {
      const body = answerSet({ unit: UNIT, answers: { overall: 1 }, receipt: newReceipt(), ...extra });
      const res = await postResponse(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "invalid", messageVi: expect.stringContaining("Mã tra cứu phản ánh"), fields: { receipt: expect.any(String) } } });
    }
    const malformed = await postResponse(answerSet({ unit: UNIT, comment: "Tốt", receipt: "k7qm4-xpz2d" }));
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { fields: { receipt: expect.any(String) } } });
    expect(await snapshot()).toBe(before);
  });

  it("is kept once across replays of the same answer set; another body under the same id is refused", async () => {
    const body = answerSet({ unit: UNIT, answers: { overall: 1 }, reason: "Thiếu hướng dẫn", receipt: newReceipt() });
    expect((await postResponse(body)).status).toBe(201);
    const replay = await postResponse(body);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ id: body.id, status: "accepted" });
    const other = await postResponse({ ...body, receipt: newReceipt() });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ error: { code: "id_reused" } });
    const rows = await shard().prepare("SELECT id, receipt FROM responses WHERE receipt = ?1 OR id = ?2").bind(body.receipt, body.id).all();
    expect(rows.results).toEqual([{ id: body.id, receipt: body.receipt }]);
  });

  it("taken by another answer, in its shard or another, neither changes nor tells the first one's follow-up", async () => {
    // The first in Hồ Chí Minh's shard, read after Hà Nội's: a copy there must not win by being read first.
    const southern = await loginAs("manager", OTHER_PROVINCE);
    const first = await complain(OTHER_PROVINCE);
    await southern.send("PATCH", `/feedback/${first.id}`, { status: "resolved", note: "Đã hướng dẫn bổ sung hồ sơ", reply: "Đã xử lý xong." });
    const view = await (await lookUp(first.code)).json();
    expect(view).toMatchObject({ status: "resolved", reply: "Đã xử lý xong." });

    // A client sending the first one's code is answered as anyone, at a unit of the same
    // province or of another; its answer counts and reaches the inbox.
    const copies: string[] = [];
    for (const unit of [OTHER_PROVINCE, UNIT]) {
      const copy = answerSet({ unit, answers: { overall: 1 }, reason: "Mã của người khác", receipt: first.code });
      const res = await postResponse(copy);
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ id: copy.id, status: "accepted" });
      expect(await (await lookUp(first.code)).json()).toEqual(view);
      copies.push(copy.id);
    }
    // In the first one's shard, the copy is stored without the code.
    const held = await shard("79").prepare("SELECT id FROM responses WHERE receipt = ?1").bind(first.code).all();
    expect(held.results).toEqual([{ id: first.id }]);
    const { items } = (await (await southern.get(`/feedback?unit=${OTHER_PROVINCE}`)).json()) as { items: any[] };
    expect(items.find((i) => i.id === copies[0])).toMatchObject({ receipt: null, status: "new" });

    // In another shard, the copy keeps the code but never shows through it, whatever its unit does.
    expect((await manager.send("PATCH", `/feedback/${copies[1]}`, { status: "in_progress", reply: "Đang xem xét" })).status).toBe(200);
    expect(await (await lookUp(first.code)).json()).toEqual(view);
  });
});
