import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { vnDay } from "../../worker/domain/vn-time.ts";
import { answerSet, postResponse, rollup, WARD } from "./helpers.ts";

describe("POST /api/v1/responses", () => {
  it("stores a first receipt (201), replays the same body (200) and counts once", async () => {
    const body = answerSet({ answers: { overall: 2 } });
    const day = vnDay(new Date());
    const before = (await rollup(WARD, "overall", day))?.n ?? 0;

    const first = await postResponse(body);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id: body.id, status: "accepted" });

    const again = await postResponse(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: body.id, status: "accepted" });

    const after = await rollup(WARD, "overall", day);
    expect(after?.n).toBe(before + 1);
    for (const ancestor of ["01", "VN"]) expect((await rollup(ancestor, "overall", day))?.n).toBeGreaterThanOrEqual(1);
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM responses WHERE id = ?1").bind(body.id).first<{ n: number }>();
    expect(stored?.n).toBe(1);
  });
});
