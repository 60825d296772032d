import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Submission } from "../../worker/domain/submission.ts";
import { SIPAS } from "../../worker/domain/templates.ts";
import { answerSet, postResponse } from "./helpers.ts";

/**
 * The rollups are the read model; responses and answers are the record. After any sequence
 * of submissions (accepted, quarantined, duplicated, at any time of day), a recount from the
 * record must reproduce the rollups exactly, for every unit, ancestor, item and day.
 */
const RECOUNT = `
  SELECT a.ancestor AS unit, ans.key AS item, r.day, count(*) AS n,
         sum(ans.value = 1) AS c1, sum(ans.value = 2) AS c2, sum(ans.value = 3) AS c3,
         sum(ans.value = 4) AS c4, sum(ans.value = 5) AS c5,
         sum(ans.value) AS sum, sum(ans.value * ans.value) AS sumsq
  FROM responses r, json_each(r.answers) ans
  JOIN unit_ancestors a ON a.unit = coalesce(r.official, r.unit)
  WHERE r.status = 'accepted'
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

const STORED = `SELECT unit, item, day, n, c1, c2, c3, c4, c5, sum, sumsq FROM rollups ORDER BY 1, 2, 3`;

const statementIds = SIPAS.statements.map((s) => s.id);

/** Ninh Bình and Quảng Trị communes, plus a desk and an official below one of them. */
const UNITS = ["14329", "14359", "18859", "18880"];
const OFFICIAL = { unit: "14329", official: "14329-tn-hoa" };

const submissionArb = fc
  .record({
    where: fc.oneof(fc.constantFrom(...UNITS).map((unit) => ({ unit })), fc.constant(OFFICIAL)),
    sipas: fc.boolean(),
    overall: fc.integer({ min: 1, max: 3 }),
    statements: fc.subarray(statementIds).chain((ids) => fc.tuple(fc.constant(ids), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: ids.length, maxLength: ids.length }))),
    honeypot: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    // Instants within three Viet Nam days, edges included.
    at: fc.integer({ min: Date.parse("2026-05-01T16:58:00Z"), max: Date.parse("2026-05-03T17:02:00Z") }),
    repeat: fc.boolean(),
  })
  .map(({ where, sipas, overall, statements: [ids, levels], honeypot, at, repeat }) => {
    const answers: Record<string, number> = { overall };
    if (sipas || "official" in where) ids.forEach((id, i) => (answers[id] = levels[i]!));
    const survey = sipas || "official" in where ? "sipas" : "quick";
    const body: Omit<Submission, "id"> = answerSet({ ...where, survey, answers, ...(honeypot && { website: "x" }) });
    return { body, at, repeat };
  });

describe("rollups", () => {
  beforeAll(async () => {
    await env.DB.batch([
      env.DB.prepare("INSERT INTO units (code, name, kind, parent) VALUES ('14329-tn', 'Bộ phận một cửa', 'desk', '14329')"),
      env.DB.prepare("INSERT INTO units (code, name, kind, parent) VALUES ('14329-tn-hoa', 'Lê Thị Hoa', 'official', '14329-tn')"),
    ]);
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it("equal a recount from the stored answers after any sequence of submissions", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(submissionArb, { minLength: 1, maxLength: 12 }), async (submissions) => {
        for (const { body, at, repeat } of submissions) {
          // A fresh id per run: shrinking replays the same generated values.
          const sent = { ...body, id: crypto.randomUUID() };
          vi.setSystemTime(new Date(at));
          expect([201, 202]).toContain((await postResponse(sent)).status);
          if (repeat) expect((await postResponse(sent)).status).toBe(200);
        }
        const [stored, recounted] = await env.DB.batch([env.DB.prepare(STORED), env.DB.prepare(RECOUNT)]);
        expect(stored?.results).toEqual(recounted?.results);
      }),
      { numRuns: 25 },
    );
    const total = await env.DB.prepare("SELECT count(*) AS n FROM rollups").first<{ n: number }>();
    expect(total?.n).toBeGreaterThan(0);
  }, 60_000);
});
