import type { Decision, Incident, IncidentStatus } from "../domain/incidents.ts";
import { addDays, type Period } from "../domain/period.ts";
import { BASELINE_WEEKS, kioskOf, MIN_MS_PER_ITEM, SIGNALS, signalsOf, WINDOW_MS, type Pace, type Signal } from "../domain/suspicion.ts";
import { vnDay, vnDayStart } from "../domain/vn-time.ts";
import { auditStatement } from "./audit.ts";
import { kioskNames } from "./devices.ts";
import { eachShard, provinceOf, shardFor, shardOf, shardsUnder, type Database, type Store } from "./store.ts";
import { authorNames } from "./users.ts";

/*
 * Ballot stuffing, as stored: the pace of a source at a unit, incidents of flagged answers,
 * and managers' decisions on them. Flagging and releasing are status changes of responses,
 * so the rollups, the inbox and the exclusion counts move with them in the same statements.
 * An incident lives in its unit's shard; its id tells which (see INCIDENT_IDS_PER_SHARD).
 */

/**
 * Incident ids are unique across shards: a province's start at its code times this, so that
 * Hà Nội's (01) are 1,000,000,001 and up, and an id alone names its shard.
 */
const INCIDENT_IDS_PER_SHARD = 1_000_000_000;

/** The shard an incident id belongs to, or null for an id no shard gives. */
function shardOfIncident(store: Store, id: number): Database | null {
  const province = String(Math.floor(id / INCIDENT_IDS_PER_SHARD)).padStart(2, "0");
  return store.shards.has(province) ? shardFor(store, province) : null;
}

/** Answers that belong to a source's pace: those counted, and those flagged (a burst goes on). */
const IN_PACE = `(status = 'accepted' OR incident IS NOT NULL)`;

/** The statement counting a source's answers at a unit within the window ending at `at`. */
export function paceCountStatement(db: Database, unit: string, source: string, at: string): D1PreparedStatement {
  return db
    .prepare(`SELECT count(*) AS n FROM responses WHERE unit = ?1 AND source = ?2 AND paced_at > ?3 AND paced_at <= ?4 AND ${IN_PACE}`)
    .bind(unit, source, since(at), at);
}

const since = (at: string) => new Date(Date.parse(at) - WINDOW_MS).toISOString();

/** Where a source's pace is read: its unit, itself, the end of the window, and whether it is a kiosk. */
export interface PaceKey {
  unit: string;
  source: string;
  at: string;
  /** A kiosk is judged against its own usual pace; an address (a daily hash) against its unit's. */
  kiosk: boolean;
}

/**
 * A source's pace at a unit over the window ending at `at`, with the usual pace for that hour
 * of the week: the mean over the same window of the past weeks, counting only what counted.
 * The day range around each past window lets the (unit, day) index serve; an answer that
 * arrived days after it was given may fall outside it, leaving the baseline a little lower.
 */
async function readPace(db: Database, key: PaceKey): Promise<Pace> {
  const weeks = BASELINE_WEEKS;
  const past = Array.from({ length: weeks }, (_, i) => {
    const end = Date.parse(key.at) - (i + 1) * 7 * 86_400_000;
    const start = end - WINDOW_MS;
    return [new Date(start).toISOString(), new Date(end).toISOString(), vnDay(new Date(start - 86_400_000)), vnDay(new Date(end + 86_400_000))];
  });
  const row = await db
    .prepare(
      `WITH win AS (
         SELECT answers, duration_ms FROM responses
         WHERE unit = ?1 AND source = ?2 AND paced_at > ?3 AND paced_at <= ?4 AND ${IN_PACE}
       )
       SELECT (SELECT count(*) FROM win) AS count,
         coalesce((SELECT max(c) FROM (SELECT count(*) AS c FROM win GROUP BY answers)), 0) AS sameSet,
         (SELECT count(*) FROM win WHERE duration_ms < ?5 * (SELECT count(*) FROM json_each(win.answers))) AS hurried,
         (SELECT count(*) FROM json_each(?6) w JOIN responses r
            ON r.unit = ?1 AND r.day BETWEEN w.value ->> 2 AND w.value ->> 3
           AND r.paced_at > w.value ->> 0 AND r.paced_at <= w.value ->> 1
           AND r.status = 'accepted' AND (?7 = 0 OR r.source = ?2)) * 1.0 / ?8 AS usual`,
    )
    .bind(key.unit, key.source, since(key.at), key.at, MIN_MS_PER_ITEM, JSON.stringify(past), key.kiosk ? 1 : 0, weeks)
    .first<Pace>();
  return row!;
}

/**
 * Flags a source's answers at a unit within the window ending at `at`: those still counted
 * and never in an incident move out of the figures into the source's open incident there
 * (one is opened if none is open within the window), which records the signals. One
 * transaction: the rollups, the inbox and the exclusions move in the same statements.
 */
async function flagBurst(db: Database, key: PaceKey, signals: Signal[], now: Date, firstId: number): Promise<number> {
  const from = since(key.at);
  const open = `SELECT id FROM incidents WHERE unit = ?1 AND source = ?2 AND status = 'open' AND last_at > ?3 ORDER BY id DESC LIMIT 1`;
  const results = await db.batch([
    db
      .prepare(
        `INSERT INTO incidents (id, unit, source, first_at, last_at, signals, created_at)
         SELECT coalesce((SELECT max(id) + 1 FROM incidents), ?6), ?1, ?2, ?4, ?4, '[]', ?5 WHERE NOT EXISTS (${open})`,
      )
      .bind(key.unit, key.source, from, key.at, now.toISOString(), firstId),
    db
      .prepare(
        `UPDATE responses SET status = 'quarantined', incident = (${open})
         WHERE unit = ?1 AND source = ?2 AND paced_at > ?3 AND paced_at <= ?4 AND status = 'accepted' AND incident IS NULL`,
      )
      .bind(key.unit, key.source, from, key.at),
    db
      .prepare(
        `UPDATE incidents SET
           first_at = (SELECT min(paced_at) FROM responses WHERE incident = incidents.id),
           last_at = (SELECT max(paced_at) FROM responses WHERE incident = incidents.id),
           signals = (SELECT json_group_array(value) FROM (
             SELECT value FROM json_each(incidents.signals) UNION SELECT value FROM json_each(?4) ORDER BY 1))
         WHERE id = (${open})`,
      )
      .bind(key.unit, key.source, from, JSON.stringify(signals)),
    db.prepare(`SELECT (${open}) AS id`).bind(key.unit, key.source, from),
  ]);
  return (results[3]!.results[0] as { id: number }).id;
}

/**
 * Judges a source's pace at a unit as of `key.at` and, when it raises signals, flags its
 * answers of the window (worker/domain/suspicion.ts). The submission path calls it once a
 * source reaches JUDGE_FROM answers in a window; the demo seed calls it the same way.
 * Returns the incident, or null for ordinary use.
 */
export async function judgePace(store: Store, key: PaceKey, now: Date): Promise<number | null> {
  const db = (await shardOf(store, key.unit))!;
  const signals = signalsOf(await readPace(db, key));
  if (signals.length === 0) return null;
  const province = Number(await provinceOf(store, key.unit));
  return flagBurst(db, key, signals, now, province * INCIDENT_IDS_PER_SHARD + 1);
}


const SELECT = `
  SELECT i.id, i.unit AS unitCode, u.name AS unitName, i.source,
    i.first_at AS firstAt, i.last_at AS lastAt, i.signals, i.status,
    (SELECT count(*) FROM responses r WHERE r.incident = i.id) AS answers,
    (SELECT json_group_object(level, n) FROM (
       SELECT r.answers ->> '$.overall' AS level, count(*) AS n FROM responses r WHERE r.incident = i.id GROUP BY 1)) AS overall,
    (SELECT json_group_array(json_object('decision', e.decision, 'note', e.note, 'by', e.user_id, 'at', e.at) ORDER BY e.id)
       FROM incident_events e WHERE e.incident = i.id) AS history
  FROM incidents i JOIN units u ON u.code = i.unit`;

type Row = Omit<Incident, "unit" | "kiosk" | "signals" | "overall" | "history"> & {
  unitCode: string;
  unitName: string;
  source: string;
  signals: string;
  overall: string;
  history: string;
};

/**
 * Incidents as the API shows them: their kiosk by name (the devices are in the catalog) and
 * their decisions' authors by name, each read once for all of them.
 */
async function toIncidents(store: Store, rows: Row[]): Promise<Incident[]> {
  const kiosks = await kioskNames(store, rows.map((r) => kioskOf(r.source)).filter((id) => id !== null));
  const histories = rows.map((row) => JSON.parse(row.history) as (Omit<Incident["history"][number], "by"> & { by: number })[]);
  const author = await authorNames(store, histories);
  return rows.map(({ unitCode, unitName, source, signals, overall, history: _, ...rest }, i) => {
    const id = kioskOf(source);
    const kiosk = id && kiosks.get(id);
    return {
      ...rest,
      unit: { code: unitCode, name: unitName },
      kiosk: id && kiosk ? { id, name: kiosk } : null,
      signals: (JSON.parse(signals) as string[]).filter((s): s is Signal => (SIGNALS as readonly string[]).includes(s)),
      overall: JSON.parse(overall),
      history: histories[i]!.map((event) => ({ ...event, by: author(event.by) })),
    };
  });
}

const newestFirst = (a: Row, b: Row) => (a.lastAt === b.lastAt ? b.id - a.id : a.lastAt < b.lastAt ? 1 : -1);

/** The most incidents a listing shows. */
const LIST_LIMIT = 500;

/** The incidents of a subtree whose answers fall in a period, newest first. */
export async function listIncidents(store: Store, root: string, period: Period, status: IncidentStatus | null): Promise<Incident[]> {
  const shards = await eachShard(await shardsUnder(store, root), async (db) => {
    const { results } = await db
      .prepare(
        `${SELECT} JOIN unit_ancestors a ON a.unit = i.unit AND a.ancestor = ?1
         WHERE i.last_at >= ?2 AND i.first_at < ?3 AND (?4 IS NULL OR i.status = ?4)
         ORDER BY i.last_at DESC, i.id DESC LIMIT ?5`,
      )
      .bind(root, vnDayStart(period.from).toISOString(), vnDayStart(addDays(period.to, 1)).toISOString(), status, LIST_LIMIT)
      .all<Row>();
    return results;
  });
  return toIncidents(store, shards.flat().sort(newestFirst).slice(0, LIST_LIMIT));
}

export async function findIncident(store: Store, id: number): Promise<Incident | null> {
  const row = await shardOfIncident(store, id)?.prepare(`${SELECT} WHERE i.id = ?1`).bind(id).first<Row>();
  return row ? (await toIncidents(store, [row]))[0]! : null;
}

/** Whether an incident exists and lies in the subtree under `root`; null if it does not exist. */
export async function incidentScope(store: Store, id: number, root: string): Promise<{ inScope: number } | null> {
  const db = shardOfIncident(store, id);
  return (
    db &&
    db
      .prepare(`SELECT EXISTS (SELECT 1 FROM unit_ancestors a WHERE a.unit = i.unit AND a.ancestor = ?2) AS inScope FROM incidents i WHERE i.id = ?1`)
      .bind(id, root)
      .first<{ inScope: number }>()
  );
}

/**
 * Records a manager's decision: released answers count again from now on, on their own days;
 * confirmed ones stay out (back out, if they had been released). One transaction with its
 * record (`incident.decide`) in the shard's audit log, so a release that would rate a case
 * twice changes nothing.
 */
export async function decideIncident(store: Store, id: number, decision: Decision, note: string, userId: number, at: Date): Promise<void> {
  const db = shardOfIncident(store, id)!;
  const before = (await db.prepare(`SELECT unit, status FROM incidents WHERE id = ?1`).bind(id).first<{ unit: string; status: IncidentStatus }>())!;
  await db.batch([
    db.prepare(`UPDATE incidents SET status = ?2 WHERE id = ?1`).bind(id, decision),
    db.prepare(`UPDATE responses SET status = ?2 WHERE incident = ?1 AND status <> ?2`).bind(id, decision === "released" ? "accepted" : "quarantined"),
    db.prepare(`INSERT INTO incident_events (incident, decision, note, user_id, at) VALUES (?1, ?2, ?3, ?4, ?5)`).bind(id, decision, note, userId, at.toISOString()),
    auditStatement(db, { at, actor: userId, action: "incident.decide", unit: before.unit, target: String(id), before: { status: before.status }, after: { status: decision, note } }),
  ]);
}
