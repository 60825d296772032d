import { beforeAll, describe, expect, it } from "vitest";
import { storeResponses } from "../../worker/db/responses.ts";
import { subtreeWeeklyCounts } from "../../worker/db/stats.ts";
import { addUnits } from "../../worker/db/units.ts";
import { overdispersion } from "../../worker/domain/funnel.ts";
import { addDays } from "../../worker/domain/period.ts";
import { bodyHash, toResponseRecord, type ResponseRecord, type Submission } from "../../worker/domain/submission.ts";
import { loginAs, type Client } from "./accounts.ts";
import { answerSet, store } from "./helpers.ts";

/*
 * "Cần chú ý" and the funnel through the API, on answers stored straight into Vĩnh Long's
 * shard (86) on chosen days, through the same insert and triggers as a submission's.
 */

const TO = "2026-03-29"; // a Sunday: the window's last week is that of Monday 23 March
const RECENT_FROM = "2026-02-02"; // the first of the last 8 weeks
const BASELINE_FROM = "2025-12-08"; // 8 weeks before it

const DROPPING = "28756"; // Phường Phú Khương
const STEADY = "28777"; // Phường An Hội
const WITH_OFFICIAL = "28783"; // Phường Sơn Đông, with a desk and an official
const DESK = "28783-tn";
const OFFICIAL = "28783-tn-ut";
const GAMED = "28789"; // Phường Bến Tre: steady, with quarantined "Không hài lòng" in its recent weeks

/** `total` answer sets of a unit on a Viet Nam day, `satisfied` of them at Hài lòng, the rest Không hài lòng. */
async function answersOn(day: string, total: number, satisfied: number, extra: Partial<Submission> = {}): Promise<ResponseRecord[]> {
  const receivedAt = new Date(`${day}T03:00:00Z`); // 10:00 in Viet Nam
  return Promise.all(
    Array.from({ length: total }, async (_, i) => {
      const sub = answerSet({ answers: { overall: i < satisfied ? 2 : 1 }, ...extra });
      return toResponseRecord(sub, { bodyHash: await bodyHash(sub), receivedAt, clientHash: `alerts-${i}`, caseScope: sub.unit, device: null });
    }),
  );
}

/** The Mondays of the 8 baseline and the 8 recent weeks. */
const WEEKS = Array.from({ length: 16 }, (_, i) => addDays(BASELINE_FROM, 7 * i));

/** `total` answers on the Wednesday of each of `weeks`, `satisfied(monday)` of them satisfied. */
async function weekly(weeks: string[], total: number, satisfied: (monday: string) => number, extra: Partial<Submission>): Promise<ResponseRecord[]> {
  const sets = await Promise.all(weeks.map((monday) => answersOn(addDays(monday, 2), total, satisfied(monday), extra)));
  return sets.flat();
}

/** 40 answers a week, `baseline` of them satisfied before RECENT_FROM and `recent` from it on. */
const baselineThenRecent = (baseline: number, recent: number, extra: Partial<Submission>) =>
  weekly(WEEKS, 40, (monday) => (monday < RECENT_FROM ? baseline : recent), extra);

/** Stores records a few hundred at a time. */
async function stored(records: ResponseRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 300) await storeResponses(store(), records.slice(i, i + 300));
}

type Alert = { unit: string; name: string; direction: string; rule: string; since: string; share: number; baseline: number };
const alertsOf = async (client: Client, unit: string): Promise<Alert[]> => {
  const res = await client.get(`/stats/alerts?unit=${unit}&to=${TO}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { unit: string; alerts: Alert[] };
  expect(body.unit).toBe(unit);
  return body.alerts;
};

describe("alerts", () => {
  let admin: Client;
  beforeAll(async () => {
    await addUnits(store(), [
      { code: DESK, name: "Bộ phận một cửa", kind: "desk", parent: WITH_OFFICIAL },
      { code: OFFICIAL, name: "Nguyễn Văn Út", kind: "official", parent: DESK },
    ]);
    await stored([
      ...(await baselineThenRecent(36, 24, { unit: DROPPING })),
      ...(await baselineThenRecent(34, 34, { unit: STEADY })),
      ...(await baselineThenRecent(36, 24, { unit: WITH_OFFICIAL, survey: "sipas", official: OFFICIAL })),
      ...(await baselineThenRecent(34, 34, { unit: GAMED })),
      // 30 quarantined "Không hài lòng" (the honeypot filled) in each recent week.
      ...(await weekly(WEEKS.filter((monday) => monday >= RECENT_FROM), 30, () => 0, { unit: GAMED, website: "x" })),
    ]);
    admin = await loginAs("admin", "VN");
  }, 120_000);

  it("lists a commune whose share dropped, with the rule, since when, its latest share and its baseline", async () => {
    const alerts = await alertsOf(admin, "86");
    const drop = alerts.find((a) => a.unit === DROPPING);
    // p̄ = 0.9, σ = √(0.9 · 0.1/40) = 0.047: 0.6 is 6σ below from the first recent week on.
    expect(drop).toEqual({ unit: DROPPING, name: "Phường Phú Khương", direction: "drop", rule: "outside_3sigma", since: RECENT_FROM, share: 0.6, baseline: expect.closeTo(0.9, 12) });
    // The province itself, whose answers they are too, dropped with it.
    expect(alerts.find((a) => a.unit === "86")).toMatchObject({ direction: "drop" });
    // Drops come first.
    expect(alerts.every((a, i) => i === 0 || a.direction === "rise" || alerts[i - 1]!.direction === "drop")).toBe(true);
  });

  it("leaves out a steady commune, and one whose drop is only in quarantined answers", async () => {
    const codes = (await alertsOf(admin, "86")).map((a) => a.unit);
    expect(codes).not.toContain(STEADY);
    expect(codes).not.toContain(GAMED);
    expect(await alertsOf(admin, STEADY)).toEqual([]);
    // The quarantined answers are stored, and said to be left out.
    const trend = (await (await admin.get(`/stats/trend?unit=${GAMED}&from=${BASELINE_FROM}&to=${TO}`)).json()) as { excluded: number };
    expect(trend.excluded).toBe(8 * 30);
  });

  it("shows an official's alert to the unit's manager and not to a viewer", async () => {
    const manager = await loginAs("manager", WITH_OFFICIAL);
    expect((await alertsOf(manager, WITH_OFFICIAL)).map((a) => [a.unit, a.direction])).toEqual([
      [WITH_OFFICIAL, "drop"],
      [DESK, "drop"],
      [OFFICIAL, "drop"],
    ]);
    const viewer = await loginAs("viewer", "86");
    const seen = (await alertsOf(viewer, "86")).map((a) => a.unit);
    expect(seen).toContain(WITH_OFFICIAL);
    expect(seen).toContain(DESK);
    expect(seen).not.toContain(OFFICIAL);
    expect((await viewer.get(`/stats/alerts?unit=${OFFICIAL}&to=${TO}`)).status).toBe(403);
  });

  it("judges nothing before a unit has eight baseline weeks", async () => {
    expect((await alertsOf(admin, DROPPING)).length).toBe(1);
    // Up to 25 January the answers' first weeks are the recent ones: no baseline before them.
    expect(await (await admin.get(`/stats/alerts?unit=${DROPPING}&to=2026-01-25`)).json()).toEqual({ unit: DROPPING, alerts: [] });
  });

  it("refuses an unknown parameter and a day that does not exist", async () => {
    for (const query of [`unit=86&to=2026-02-30`, `unit=86&from=2026-01-01`]) expect((await admin.get(`/stats/alerts?${query}`)).status, query).toBe(400);
  });
});

describe("weekly counts of a subtree", () => {
  const UNIT = "28957"; // Xã An Định
  it("sum Viet Nam days into ISO weeks, Sunday with the Monday before it, and leave out weeks below the minimum", async () => {
    await stored([...(await answersOn("2026-04-26", 3, 2, { unit: UNIT })), ...(await answersOn("2026-04-27", 2, 2, { unit: UNIT })), ...(await answersOn("2026-05-04", 1, 1, { unit: UNIT }))]);
    const [unit] = await subtreeWeeklyCounts(store(), UNIT, "overall", { from: "2026-04-01", to: "2026-05-31" }, 2);
    expect(unit).toMatchObject({ code: UNIT, name: "Xã An Định", kind: "xa" });
    expect(unit!.weeks.map((w) => [w.start, w.counts.n, w.counts.c2])).toEqual([
      ["2026-04-20", 3, 2],
      ["2026-04-27", 2, 2],
    ]);
  });
});

describe("the funnel of a parent with a clear outlier", () => {
  // Twelve communes of 60 answers in June 2026, eleven near 80 % and one at 40 %, and one of
  // 10 answers below the minimum sample.
  const COMMUNES = ["28807", "28810", "28840", "28858", "28861", "28870", "28879", "28894", "28901", "28903", "28915", "28921"];
  const SATISFIED = [48, 49, 47, 48, 50, 46, 48, 49, 47, 48, 49, 24];
  const OUTLIER = "28921";
  const SMALL = "28945";
  let viewer: Client;
  beforeAll(async () => {
    const sets = await Promise.all(COMMUNES.map((unit, i) => answersOn("2026-06-10", 60, SATISFIED[i]!, { unit })));
    await stored([...sets.flat(), ...(await answersOn("2026-06-11", 10, 8, { unit: SMALL }))]);
    viewer = await loginAs("viewer", "86");
  }, 60_000);

  it("labels the outlier below and the others within, and shows nothing of a hidden child", async () => {
    const res = await viewer.get("/stats/compare?unit=86&from=2026-06-01&to=2026-06-30");
    expect(res.status).toBe(200);
    const { total, children, funnel } = (await res.json()) as any;
    expect(funnel.p0).toBe(total.share);
    const byCode = new Map<string, any>(funnel.units.map((u: { code: string }) => [u.code, u]));
    expect(byCode.get(OUTLIER)).toMatchObject({ n: 60, share: 0.4, label: "below" });
    expect(byCode.get(OUTLIER).lower95).toBeGreaterThan(0.4);
    // The small commune, and the one hidden so that its figure cannot be had by subtraction
    // (the smallest shown, by code), carry code and n only.
    expect(children.find((c: { unit: { code: string } }) => c.unit.code === "28807")).toMatchObject({ protected: true, share: null });
    expect(byCode.get("28807")).toEqual({ code: "28807", n: 60 });
    expect(byCode.get(SMALL)).toEqual({ code: SMALL, n: 10 });
    const labelled = funnel.units.filter((u: { label?: string }) => u.label);
    expect(labelled.map((u: { code: string; label: string }) => [u.code, u.label])).toEqual(COMMUNES.slice(1).map((code) => [code, code === OUTLIER ? "below" : "within"]));
    // τ̂² from the shown communes alone (here: no overdispersion once the outlier is winsorised).
    expect(funnel.tau2).toBe(overdispersion(funnel.p0, labelled.map((u: { n: number; share: number }) => ({ n: u.n, satisfied: Math.round(u.share * u.n) }))));
    expect(funnel.tau2).toBe(0);
    // Shrinkage pulls the outlier towards the others, never past them.
    const outlier = byCode.get(OUTLIER);
    expect(outlier.shrunk).toBeGreaterThan(0.4);
    expect(outlier.shrunk).toBeLessThan(0.77);
  });
});
