import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { addUnits } from "../../worker/db/units.ts";
import type { Submission } from "../../worker/domain/submission.ts";
import { loginAs, type Client } from "./accounts.ts";
import { answerSet, api, catalog, postResponse, rollup, shard, store } from "./helpers.ts";
import { expectReadModelMatchesRecount } from "./recount.ts";

/*
 * Ballot stuffing: a burst from one source (an address, or an enrolled kiosk) is flagged as
 * it arrives, its first answers retroactively, kept out of every figure and put before a
 * manager; ordinary use is never flagged.
 */

afterEach(() => {
  vi.useRealTimers();
});

const MINUTE = 60_000;
const START = Date.parse("2026-10-15T01:00:00Z"); // 08:00 in Ha Noi

/** Sends answer sets from one address, one every `everyMs` from `start`, as each arrives. */
async function stream(count: number, everyMs: number, make: (i: number) => Partial<Submission>, address: string, start = START) {
  vi.useFakeTimers({ toFake: ["Date"] });
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    vi.setSystemTime(new Date(start + i * everyMs));
    statuses.push((await postResponse(answerSet(make(i)), { "cf-connecting-ip": address })).status);
  }
  vi.useRealTimers();
  return statuses;
}

/** What citizens answer at an ordinary desk: mostly satisfied, never all alike. */
const ordinary = (unit: string) => (i: number) => ({ unit, answers: { overall: [3, 2, 3, 2, 1, 2, 3][i % 7]! } });

const statusesAt = async (unit: string) => {
  const { results } = await shard().prepare("SELECT status, incident FROM responses WHERE unit = ?1").bind(unit).all<{ status: string; incident: number | null }>();
  return { accepted: results.filter((r) => r.status === "accepted").length, flagged: results.filter((r) => r.incident !== null).length };
};

describe("detection", () => {
  it("flags a burst of top ratings from one address, its first answers too, and answers it as anyone", async () => {
    const unit = "00340";
    const statuses = await stream(120, 15_000, () => ({ unit }), "203.0.113.7");
    expect(new Set(statuses)).toEqual(new Set([201])); // the sender learns nothing
    expect(await statusesAt(unit)).toEqual({ accepted: 0, flagged: 120 });
    expect(await rollup(unit, "overall", "2026-10-15")).toBeNull();
    const incident = await shard().prepare("SELECT source, signals, status FROM incidents WHERE unit = ?1").bind(unit).all();
    expect(incident.results).toHaveLength(1);
    expect(JSON.parse(incident.results[0]!.signals as string)).toContain("repetition");
    await expectReadModelMatchesRecount();
  });

  it("does not flag a ward office's address sending one answer every ten seconds for five minutes", async () => {
    const unit = "00352";
    await stream(30, 10_000, ordinary(unit), "203.0.113.8");
    expect(await statusesAt(unit)).toEqual({ accepted: 30, flagged: 0 });
  });

  // 290 in a row: the window is an hour, and the rate limiter (300 a minute) counts real time.
  it("does not flag one answer a minute for hours on end from one address", async () => {
    const unit = "00364";
    await stream(290, MINUTE, ordinary(unit), "203.0.113.9");
    expect(await statusesAt(unit)).toEqual({ accepted: 290, flagged: 0 });
  }, 60_000);

  it("does not flag a handful of identical answers at a unit with no history", async () => {
    const unit = "00367";
    await stream(8, 5_000, () => ({ unit }), "203.0.113.10");
    expect(await statusesAt(unit)).toEqual({ accepted: 8, flagged: 0 });
  });

  it("flags answer sets completed faster than a person can read them", async () => {
    const unit = "00376";
    await stream(20, 20_000, (i) => ({ ...ordinary(unit)(i), durationMs: 300 }), "203.0.113.11");
    expect(await statusesAt(unit)).toEqual({ accepted: 0, flagged: 20 });
    const signals = await shard().prepare("SELECT signals FROM incidents WHERE unit = ?1").bind(unit).first<string>("signals");
    expect(JSON.parse(signals!)).toEqual(["speed"]);
  });

  it("keeps honeypot answers quarantined as before, outside any incident", async () => {
    const unit = "00382";
    const res = await postResponse(answerSet({ unit, website: "http://spam.example" }));
    expect(res.status).toBe(202);
    expect(await statusesAt(unit)).toEqual({ accepted: 0, flagged: 0 });
  });
});

describe("kiosks", () => {
  let manager: Client;
  const desk = "00385-tn";
  beforeAll(async () => {
    await addUnits(store(), [{ code: desk, name: "Bộ phận một cửa", kind: "desk", parent: "00385" }]);
    manager = await loginAs("manager", "00385");
  });

  async function enrol(name: string): Promise<{ id: string; token: string }> {
    const created = await manager.send("POST", "/devices", { unit: desk, name });
    expect(created.status).toBe(201);
    const { device, enrolCode } = (await created.json()) as { device: { id: string }; enrolCode: string };
    const res = await fetchEnrol(enrolCode);
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    return { id: device.id, token };
  }

  const fetchEnrol = (code: string) =>
    api("/devices/enrol", { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": "198.51.100.1" }, body: JSON.stringify({ code }) });

  it("enrols a tablet once with its code; the code cannot be spent again", async () => {
    const created = await manager.send("POST", "/devices", { unit: desk, name: "Máy tính bảng quầy 2" });
    const { enrolCode } = (await created.json()) as { enrolCode: string };
    expect((await fetchEnrol(enrolCode)).status).toBe(200);
    const again = await fetchEnrol(enrolCode);
    expect(again.status).toBe(403);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("enrolment_refused");
    const stored = await catalog().prepare("SELECT enrol_hash, token_hash FROM devices WHERE name = 'Máy tính bảng quầy 2'").first<{ enrol_hash: string | null; token_hash: string }>();
    expect(stored?.enrol_hash).toBeNull();
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/); // only a hash of the token
  });

  it("judges a kiosk's steady stream against its own pace and never flags it", async () => {
    const kiosk = await enrol("Máy tính bảng quầy 1");
    await stream(180, 2 * MINUTE, (i) => ({ ...ordinary(desk)(i), channel: "kiosk", device: kiosk.token }), "203.0.113.20");
    expect(await statusesAt(desk)).toMatchObject({ flagged: 0 });
    const sources = await shard().prepare("SELECT DISTINCT source, device FROM responses WHERE unit = ?1").bind(desk).all();
    expect(sources.results).toEqual([{ source: `kiosk:${kiosk.id}`, device: kiosk.id }]);
  }, 60_000);

  it("flags forty top ratings pressed on the desk tablet within ten minutes", async () => {
    const kiosk = await enrol("Máy tính bảng quầy 3");
    const before = await statusesAt(desk);
    await stream(40, 15_000, () => ({ unit: desk, channel: "kiosk", device: kiosk.token }), "203.0.113.20", START + 7 * 3600_000);
    expect(await statusesAt(desk)).toEqual({ accepted: before.accepted, flagged: before.flagged + 40 });
    const incident = await shard().prepare("SELECT source FROM incidents WHERE source = ?1").bind(`kiosk:${kiosk.id}`).first("source");
    expect(incident).toBe(`kiosk:${kiosk.id}`);
  });

  it("refuses a revoked kiosk's answers with a message the kiosk shows", async () => {
    const kiosk = await enrol("Máy tính bảng cũ");
    expect((await postResponse(answerSet({ unit: desk, channel: "kiosk", device: kiosk.token }))).status).toBe(201);
    expect((await manager.send("POST", `/devices/${kiosk.id}/revoke`)).status).toBe(200);
    const refused = await postResponse(answerSet({ unit: desk, channel: "kiosk", device: kiosk.token }));
    expect(refused.status).toBe(403);
    const { error } = (await refused.json()) as { error: { code: string; messageVi: string } };
    expect(error.code).toBe("device_revoked");
    expect(error.messageVi).toMatch(/^Thiết bị này \(Máy tính bảng cũ\) đã bị thu hồi/);
    const unknown = await postResponse(answerSet({ unit: desk, channel: "kiosk", device: "x".repeat(43) }));
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("device_unknown");
  });

  it("refuses a kiosk answering for a unit outside its own", async () => {
    const kiosk = await enrol("Máy tính bảng quầy 4");
    const res = await postResponse(answerSet({ unit: "00004", channel: "kiosk", device: kiosk.token }));
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("device_other_unit");
  });
});

describe("review", () => {
  let manager: Client;
  let viewer: Client;
  const unit = "00430";
  beforeAll(async () => {
    manager = await loginAs("manager", unit);
    viewer = await loginAs("viewer", unit);
    // A week of ordinary answers, then a burst of 60 top ratings in half an hour.
    await stream(70, 2 * 3600_000, ordinary(unit), "203.0.113.30", START - 7 * 86_400_000);
    await stream(60, 30_000, () => ({ unit }), "203.0.113.31");
  }, 60_000);

  const figures = async () => {
    const res = await manager.get(`/stats/trend?unit=${unit}&from=2026-10-01&to=2026-10-31&bucket=month`);
    const body = (await res.json()) as { excluded: number; points: { n: number }[] };
    return { n: body.points[0]!.n, excluded: body.excluded };
  };

  it("lists the incident with its answers and signals, and every figure says what it excluded", async () => {
    const res = await viewer.get(`/incidents?unit=${unit}&from=2026-10-01&to=2026-10-31`);
    expect(res.status).toBe(200);
    const { incidents } = (await res.json()) as { incidents: { answers: number; status: string; overall: Record<string, number>; kiosk: unknown }[] };
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ answers: 60, status: "open", overall: { "3": 60 }, kiosk: null });
    expect(await figures()).toEqual({ n: 70, excluded: 60 });
    const province = (await (await manager.get(`/stats/compare?unit=${unit}&from=2026-10-01&to=2026-10-31`)).json()) as { excluded: number };
    expect(province.excluded).toBe(60);
  });

  it("lets a viewer see but not decide", async () => {
    const id = await shard().prepare("SELECT id FROM incidents WHERE unit = ?1").bind(unit).first<number>("id");
    expect((await viewer.send("POST", `/incidents/${id}/decision`, { decision: "released", note: "x" })).status).toBe(403);
  });

  it("refuses a decision without a note", async () => {
    const id = await shard().prepare("SELECT id FROM incidents WHERE unit = ?1").bind(unit).first<number>("id");
    expect((await manager.send("POST", `/incidents/${id}/decision`, { decision: "released", note: " " })).status).toBe(400);
  });

  it("moves the figures exactly by the released answers, and back when confirmed, with each decision on record", async () => {
    const id = await shard().prepare("SELECT id FROM incidents WHERE unit = ?1").bind(unit).first<number>("id");
    const released = await manager.send("POST", `/incidents/${id}/decision`, { decision: "released", note: "Ngày hội dịch vụ công: đông người thật" });
    expect(released.status).toBe(200);
    expect(await figures()).toEqual({ n: 130, excluded: 0 });
    await expectReadModelMatchesRecount();

    const confirmed = await manager.send("POST", `/incidents/${id}/decision`, { decision: "confirmed", note: "Camera cho thấy cán bộ tự bấm" });
    const body = (await confirmed.json()) as { status: string; history: { decision: string; note: string; by: string }[] };
    expect(body.status).toBe("confirmed");
    expect(body.history.map((h) => h.decision)).toEqual(["released", "confirmed"]);
    expect(body.history[1]?.note).toBe("Camera cho thấy cán bộ tự bấm");
    expect(await figures()).toEqual({ n: 70, excluded: 60 });
    await expectReadModelMatchesRecount();
  });

  it("says in the answers CSV which answers count", async () => {
    const csv = await (await manager.get(`/exports/responses.csv?unit=${unit}&from=2026-10-01&to=2026-10-31`)).text();
    expect(csv.match(/Không tính: bất thường #\d+/g)).toHaveLength(60);
    expect(csv.match(/Được tính/g)).toHaveLength(70);
  });
});
