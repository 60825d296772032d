import { beforeAll, describe, expect, it } from "vitest";
import { loginAs, type Client } from "./accounts.ts";
import { answerSet, postResponse, shard } from "./helpers.ts";

/*
 * A manager's notes may carry what a citizen gave them (a number to call back, an ID): they
 * are masked before storage, like the citizen's own text.
 */

const UNIT = "00145"; // Phường Long Biên

let manager: Client;
beforeAll(async () => {
  manager = await loginAs("manager", UNIT);
});

describe("notes", () => {
  it("stores a complaint's follow-up note with phone and citizen ID numbers masked", async () => {
    const body = answerSet({ unit: UNIT, answers: { overall: 1 }, reason: "Chờ quá lâu" });
    expect((await postResponse(body)).status).toBe(201);
    const res = await manager.send("PATCH", `/feedback/${body.id}`, {
      status: "in_progress",
      note: "Đã gọi lại cho bà Lan theo số 0912.345.678, CCCD 001 203 004 005, email lan.nguyen@gmail.com",
    });
    expect(res.status).toBe(200);
    const masked = "Đã gọi lại cho bà Lan theo số ••••.•••.•••, CCCD ••• ••• ••• •••, email •••@•••";
    expect(((await res.json()) as { history: { note: string }[] }).history[0]?.note).toBe(masked);
    const row = await shard().prepare("SELECT note FROM feedback_events WHERE response_id = ?1").bind(body.id).first();
    expect(row).toEqual({ note: masked });
  });

  it("stores the note of a decision on an incident masked too", async () => {
    const at = new Date().toISOString();
    // In Hà Nội's shard, numbered as its incidents are (from 1,000,000,001: worker/db/incidents.ts).
    const { meta } = await shard()
      .prepare(
        `INSERT INTO incidents (id, unit, source, first_at, last_at, signals, created_at)
         VALUES (coalesce((SELECT max(id) + 1 FROM incidents), 1000000001), ?1, 'test-source', ?2, ?2, '["volume"]', ?2)`,
      )
      .bind(UNIT, at)
      .run();
    const id = meta.last_row_id;
    expect(Math.floor(id / 1_000_000_000)).toBe(1);
    const res = await manager.send("POST", `/incidents/${id}/decision`, { decision: "confirmed", note: "Người dân báo qua số (024) 3825 1234: cán bộ tự bấm" });
    expect(res.status).toBe(200);
    const row = await shard().prepare("SELECT note FROM incident_events WHERE incident = ?1").bind(id).first();
    expect(row).toEqual({ note: "Người dân báo qua số (•••) •••• ••••: cán bộ tự bấm" });
  });
});
