import { beforeAll, describe, expect, it } from "vitest";
import { loginAs, type Client } from "./accounts.ts";
import { answerSet, catalog, postResponse, shard } from "./helpers.ts";

const UNIT = "00025"; // Phường Giảng Võ

let manager: Client;
beforeAll(async () => {
  manager = await loginAs("manager", UNIT, "Trần Văn Minh");
});

async function post(body: ReturnType<typeof answerSet>) {
  expect([201, 202]).toContain((await postResponse(body)).status);
  return body.id;
}

describe("the complaints inbox", () => {
  it("lists reasons and comments as new, newest first, with masked numbers; not plain ratings nor quarantined ones", async () => {
    const reason = await post(answerSet({ unit: UNIT, answers: { overall: 1 }, reason: "Chờ quá lâu, gọi 0912 345 678 không ai nghe" }));
    await post(answerSet({ unit: UNIT, answers: { overall: 3 } }));
    await post(answerSet({ unit: UNIT, comment: "thư rác", website: "http://spam.example" }));
    const comment = await post(answerSet({ unit: UNIT, answers: { overall: 2 }, comment: "Cán bộ tận tình, chu đáo" }));

    const res = await manager.get(`/feedback?unit=${UNIT}`);
    expect(res.status).toBe(200);
    const { items, next } = (await res.json()) as { items: any[]; next: string | null };
    expect(next).toBeNull();
    expect(items.map((i) => i.id)).toEqual([comment, reason]);
    expect(items[1]).toMatchObject({
      unit: { code: UNIT, name: "Phường Giảng Võ" },
      overall: 1,
      reason: "Chờ quá lâu, gọi •••• ••• ••• không ai nghe",
      comment: null,
      caseCode: null,
      status: "new",
      history: [],
    });
    expect(items[0]).toMatchObject({ overall: 2, comment: "Cán bộ tận tình, chu đáo", status: "new" });
  });

  it("moves an item through its statuses, keeping each note and who made the change", async () => {
    const id = await post(answerSet({ unit: UNIT, answers: { overall: 1 }, reason: "Thiếu chỗ ngồi" }));
    const first = await manager.send("PATCH", `/feedback/${id}`, { status: "in_progress", note: "Đã chuyển bộ phận một cửa" });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ id, status: "in_progress", history: [{ status: "in_progress", note: "Đã chuyển bộ phận một cửa", by: "Trần Văn Minh" }] });

    const second = await manager.send("PATCH", `/feedback/${id}`, { status: "resolved", note: "Đã bổ sung 10 ghế" });
    const item = (await second.json()) as any;
    expect(item.status).toBe("resolved");
    expect(item.history.map((h: any) => [h.status, h.note, h.by])).toEqual([
      ["in_progress", "Đã chuyển bộ phận một cửa", "Trần Văn Minh"],
      ["resolved", "Đã bổ sung 10 ghế", "Trần Văn Minh"],
    ]);
    expect(Date.parse(item.history[1].at)).toBeGreaterThanOrEqual(Date.parse(item.history[0].at));

    // The history is in the unit's shard, by account id; the accounts are in the catalog.
    const events = await shard()
      .prepare("SELECT status, note, user_id FROM feedback_events WHERE response_id = ?1 ORDER BY id")
      .bind(id)
      .all<{ status: string; note: string; user_id: number }>();
    const emails = new Map(
      (await catalog().prepare("SELECT id, email FROM users").all<{ id: number; email: string }>()).results.map((u) => [u.id, u.email]),
    );
    expect(events.results.map(({ user_id, ...e }) => ({ ...e, email: emails.get(user_id) }))).toEqual([
      { status: "in_progress", note: "Đã chuyển bộ phận một cửa", email: manager.email },
      { status: "resolved", note: "Đã bổ sung 10 ghế", email: manager.email },
    ]);

    const resolved = (await (await manager.get(`/feedback?unit=${UNIT}&status=resolved`)).json()) as { items: { id: string }[] };
    expect(resolved.items.map((i) => i.id)).toEqual([id]);
    const fresh = (await (await manager.get(`/feedback?unit=${UNIT}&status=new`)).json()) as { items: { id: string }[] };
    expect(fresh.items.map((i) => i.id)).not.toContain(id);
  });

  it("refuses a bad status or an unknown item, changing nothing", async () => {
    const id = await post(answerSet({ unit: UNIT, comment: "Góp ý" }));
    const bad = await manager.send("PATCH", `/feedback/${id}`, { status: "done", note: "" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid", fields: { status: expect.any(String) } } });
    const extra = await manager.send("PATCH", `/feedback/${id}`, { status: "resolved", note: "", by: "someone" });
    expect(extra.status).toBe(400);
    const notJson = await manager.send("PATCH", `/feedback/${id}`);
    expect(notJson.status).toBe(415);
    const unknown = await manager.send("PATCH", `/feedback/${crypto.randomUUID()}`, { status: "resolved", note: "" });
    expect(unknown.status).toBe(404);
    const row = await shard().prepare("SELECT status FROM feedback WHERE response_id = ?1").bind(id).first<{ status: string }>();
    expect(row?.status).toBe("new");
  });

  it("pages through the inbox with a cursor", async () => {
    const page1 = (await (await manager.get(`/feedback?unit=${UNIT}&limit=2`)).json()) as { items: { id: string }[]; next: string };
    expect(page1.items).toHaveLength(2);
    expect(page1.next).toEqual(expect.any(String));
    const page2 = (await (await manager.get(`/feedback?unit=${UNIT}&limit=2&cursor=${encodeURIComponent(page1.next)}`)).json()) as { items: { id: string }[] };
    const all = (await (await manager.get(`/feedback?unit=${UNIT}&limit=200`)).json()) as { items: { id: string }[] };
    expect([...page1.items, ...page2.items].map((i) => i.id)).toEqual(all.items.slice(0, 4).map((i) => i.id));
    expect((await manager.get(`/feedback?unit=${UNIT}&cursor=garbage`)).status).toBe(400);
    expect((await manager.get(`/feedback?unit=${UNIT}&limit=0`)).status).toBe(400);
    expect((await manager.get(`/feedback?unit=${UNIT}&limit=201`)).status).toBe(400);
  });
});
