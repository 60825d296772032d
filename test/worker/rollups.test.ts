import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eraseFeedbackText, listFeedback } from "../../worker/db/feedback.ts";
import { setResponseStatus } from "../../worker/db/responses.ts";
import { addUnits } from "../../worker/db/units.ts";
import type { Submission } from "../../worker/domain/submission.ts";
import { SIPAS } from "../../worker/domain/templates.ts";
import { answerSet, postResponse, shards, store } from "./helpers.ts";
import { expectReadModelMatchesRecount } from "./recount.ts";

/**
 * The rollups are the read model; responses and answers are the record. After any sequence
 * of writes (submissions accepted, quarantined, duplicated, refused, given offline days
 * before they arrive; status changes both ways; erasures), a recount from the record must
 * reproduce the rollups exactly, for every unit, ancestor, item and day, and the inbox must
 * hold exactly the texts of the answers that count.
 */
const statementIds = SIPAS.statements.map((s) => s.id);

/** Ninh Bình and Quảng Trị communes, plus a desk and an official below one of them. */
const UNITS = ["14329", "14359", "18859", "18880"];
const OFFICIAL = { unit: "14329", official: "14329-tn-hoa" };
const HOUR = 3_600_000;

const submissionArb = fc
  .record({
    where: fc.oneof(fc.constantFrom(...UNITS).map((unit) => ({ unit })), fc.constant(OFFICIAL)),
    sipas: fc.boolean(),
    overall: fc.integer({ min: 1, max: 3 }),
    statements: fc.subarray(statementIds).chain((ids) => fc.tuple(fc.constant(ids), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: ids.length, maxLength: ids.length }))),
    honeypot: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    text: fc.option(fc.constantFrom("Phải chờ lâu", "Cán bộ nhiệt tình"), { freq: 2 }),
    // A few spellings of two cases, so that some submissions are refused as rated already.
    caseCode: fc.option(fc.constantFrom("HS-01", "hs 01", "HS.02"), { freq: 3 }),
    // Instants within three Viet Nam days, edges included.
    at: fc.integer({ min: Date.parse("2026-05-01T16:58:00Z"), max: Date.parse("2026-05-03T17:02:00Z") }),
    // Answered when it arrived, hours or days before (offline), too long before, or "after".
    answeredBefore: fc.option(fc.constantFrom(0.5 * HOUR, 7 * HOUR, 50 * HOUR, 20 * 24 * HOUR, -2 * HOUR), { freq: 2 }),
  })
  .map(({ where, sipas, overall, statements: [ids, levels], honeypot, text, caseCode, at, answeredBefore }) => {
    const answers: Record<string, number> = { overall };
    const full = sipas || "official" in where;
    if (full) ids.forEach((id, i) => (answers[id] = levels[i]!));
    const body: Omit<Submission, "id"> = answerSet({
      ...where,
      survey: full ? "sipas" : "quick",
      answers,
      ...(honeypot && { website: "x" }),
      ...(text && (overall === 1 ? { reason: text } : { comment: text })),
      ...(full && caseCode && { caseCode }),
      ...(answeredBefore !== null && { answeredAt: new Date(at - answeredBefore).toISOString() }),
    });
    return { body, at };
  });

/** One write: a submission, a replay of an earlier one, a status change, or an erasure. */
const stepArb = fc.oneof(
  { weight: 5, arbitrary: submissionArb.map((s) => ({ kind: "submit" as const, ...s })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: "replay" as const, pick })) },
  { weight: 2, arbitrary: fc.record({ pick: fc.nat(), to: fc.constantFrom("accepted" as const, "quarantined" as const) }).map((s) => ({ kind: "status" as const, ...s })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: "erase" as const, pick })) },
);

interface Stored {
  body: Submission;
  status: "accepted" | "quarantined";
  hasText: boolean;
}

describe("rollups", () => {
  beforeAll(async () => {
    await addUnits(store(), [
      { code: "14329-tn", name: "Bộ phận một cửa", kind: "desk", parent: "14329" },
      { code: "14329-tn-hoa", name: "Lê Thị Hoa", kind: "official", parent: "14329-tn" },
    ]);
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it("equal a recount of the answers that count after any sequence of writes; the inbox holds their texts", async () => {
    const stored: Stored[] = [];
    const runs = { released: 0, quarantined: 0, erased: 0, offline: 0 };
    await fc.assert(
      // Each sequence starts with a submission and ends by quarantining, releasing and erasing,
      // so that every kind of write is exercised in every run.
      fc.asyncProperty(submissionArb, fc.array(stepArb, { maxLength: 13 }), async (first, middle) => {
        const steps = [
          { kind: "submit" as const, ...first },
          ...middle,
          { kind: "status" as const, pick: 0, to: "quarantined" as const },
          { kind: "status" as const, pick: 0, to: "accepted" as const },
          { kind: "erase" as const, pick: 1 },
        ];
        // Each run starts over with its own cases: shrinking replays the same generated values.
        const run = crypto.randomUUID().slice(0, 8);
        const mine: Stored[] = [];
        for (const step of steps) {
          if (step.kind === "submit") {
            const body = { ...step.body, id: crypto.randomUUID(), ...(step.body.caseCode && { caseCode: `${step.body.caseCode}-${run}` }) };
            vi.setSystemTime(new Date(step.at));
            const res = await postResponse(body);
            if (res.status === 422) {
              expect(((await res.json()) as { error: { code: string } }).error.code).toBe("case_already_rated");
              continue;
            }
            expect([201, 202]).toContain(res.status);
            if (body.answeredAt && Date.parse(body.answeredAt) < step.at) runs.offline++;
            mine.push({ body, status: res.status === 201 ? "accepted" : "quarantined", hasText: !!(body.reason || body.comment) });
          } else if (mine.length > 0) {
            const target = mine[step.pick % mine.length]!;
            if (step.kind === "replay") {
              const res = await postResponse(target.body);
              expect(res.status).toBe(200);
              expect(await res.json()).toEqual({ id: target.body.id, status: target.status });
            } else if (step.kind === "status") {
              try {
                await setResponseStatus(store(), target.body.unit, [target.body.id], step.to);
                if (target.status !== step.to) runs[step.to === "accepted" ? "released" : "quarantined"]++;
                target.status = step.to;
              } catch (err) {
                // A release that would rate a case twice is refused, changing nothing.
                expect(String(err)).toMatch(/UNIQUE constraint failed: responses\.case_key/);
              }
            } else {
              // Only an answer with text has an inbox item to erase.
              expect(await eraseFeedbackText(store(), target.body.id, new Date())).toBe(target.hasText);
              if (target.hasText) runs.erased++;
            }
          }
        }
        stored.push(...mine);
        await expectReadModelMatchesRecount();

        const inbox = await listFeedback(store(), { root: "VN", from: "2026-04-01", to: "2026-06-01", officials: true, status: null, after: null, limit: 10_000 });
        // A burst the generator happens to produce is flagged as it would be in production:
        // the inbox follows each answer's stored status.
        const accepted = await Promise.all([...shards().values()].map((db) => db.prepare("SELECT id FROM responses WHERE status = 'accepted'").all<{ id: string }>()));
        const counting = new Set(accepted.flatMap(({ results }) => results.map((r) => r.id)));
        const counted = stored.filter((s) => s.hasText && counting.has(s.body.id)).map((s) => s.body.id);
        expect(inbox.map((i) => i.id).sort()).toEqual(counted.sort());
      }),
      { numRuns: 25 },
    );
    // The runs did exercise every kind of write.
    expect(runs.released).toBeGreaterThan(0);
    expect(runs.quarantined).toBeGreaterThan(0);
    expect(runs.erased).toBeGreaterThan(0);
    expect(runs.offline).toBeGreaterThan(0);
    const totals = await Promise.all([...shards().values()].map((db) => db.prepare("SELECT count(*) AS n FROM rollups").first<number>("n")));
    expect(totals.reduce<number>((a, n) => a + (n ?? 0), 0)).toBeGreaterThan(0);
  }, 120_000);
});
