import type { Decision, Incident, IncidentStatus } from "../domain/incidents.ts";
import { addDays, type Period } from "../domain/period.ts";
import { BASELINE_WEEKS, MIN_MS_PER_ITEM, SIGNALS, signalsOf, WINDOW_MS, type Pace, type Signal } from "../domain/suspicion.ts";
import { vnDay, vnDayStart } from "../domain/vn-time.ts";

/*
 * Ballot stuffing, as stored: the pace of a source at a unit, incidents of flagged answers,
 * and managers' decisions on them. Flagging and releasing are status changes of responses,
 * so the rollups, the inbox and the exclusion counts move with them in the same statements.
 */

/** Answers that belong to a source's pace: those counted, and those flagged (a burst goes on). */
const IN_PACE = `(status = 'accepted' OR incident IS NOT NULL)`;

/** The statement counting a source's answers at a unit within the window ending at `at`. */
export function paceCountStatement(db: D1Database, unit: string, source: string, at: string): D1PreparedStatement {
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
export async function readPace(db: D1Database, key: PaceKey): Promise<Pace> {
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
async function flagBurst(db: D1Database, key: PaceKey, signals: Signal[], now: Date): Promise<number> {
  const from = since(key.at);
  const open = `SELECT id FROM incidents WHERE unit = ?1 AND source = ?2 AND status = 'open' AND last_at > ?3 ORDER BY id DESC LIMIT 1`;
  const results = await db.batch([
    db
      .prepare(
        `INSERT INTO incidents (unit, source, first_at, last_at, signals, created_at)
         SELECT ?1, ?2, ?4, ?4, '[]', ?5 WHERE NOT EXISTS (${open})`,
      )
      .bind(key.unit, key.source, from, key.at, now.toISOString()),
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
export async function judgePace(db: D1Database, key: PaceKey, now: Date): Promise<number | null> {
  const signals = signalsOf(await readPace(db, key));
  return signals.length > 0 ? flagBurst(db, key, signals, now) : null;
}


const SELECT = `
  SELECT i.id, i.unit AS unitCode, u.name AS unitName, d.id AS kioskId, d.name AS kioskName,
    i.first_at AS firstAt, i.last_at AS lastAt, i.signals, i.status,
    (SELECT count(*) FROM responses r WHERE r.incident = i.id) AS answers,
    (SELECT json_group_object(level, n) FROM (
       SELECT r.answers ->> '$.overall' AS level, count(*) AS n FROM responses r WHERE r.incident = i.id GROUP BY 1)) AS overall,
    (SELECT json_group_array(json_object('decision', e.decision, 'note', e.note, 'by', w.name, 'at', e.at) ORDER BY e.id)
       FROM incident_events e JOIN users w ON w.id = e.user_id WHERE e.incident = i.id) AS history
  FROM incidents i JOIN units u ON u.code = i.unit
  LEFT JOIN devices d ON i.source = 'kiosk:' || d.id`;

type Row = Omit<Incident, "unit" | "kiosk" | "signals" | "overall" | "history"> & {
  unitCode: string;
  unitName: string;
  kioskId: string | null;
  kioskName: string | null;
  signals: string;
  overall: string;
  history: string;
};

const toIncident = ({ unitCode, unitName, kioskId, kioskName, signals, overall, history, ...rest }: Row): Incident => ({
  ...rest,
  unit: { code: unitCode, name: unitName },
  kiosk: kioskId && kioskName ? { id: kioskId, name: kioskName } : null,
  signals: (JSON.parse(signals) as string[]).filter((s): s is Signal => (SIGNALS as readonly string[]).includes(s)),
  overall: JSON.parse(overall),
  history: JSON.parse(history),
});

/** The incidents of a subtree whose answers fall in a period, newest first. */
export async function listIncidents(db: D1Database, root: string, period: Period, status: IncidentStatus | null): Promise<Incident[]> {
  const { results } = await db
    .prepare(
      `${SELECT} JOIN unit_ancestors a ON a.unit = i.unit AND a.ancestor = ?1
       WHERE i.last_at >= ?2 AND i.first_at < ?3 AND (?4 IS NULL OR i.status = ?4)
       ORDER BY i.last_at DESC, i.id DESC LIMIT 500`,
    )
    .bind(root, vnDayStart(period.from).toISOString(), vnDayStart(addDays(period.to, 1)).toISOString(), status)
    .all<Row>();
  return results.map(toIncident);
}

export async function findIncident(db: D1Database, id: number): Promise<Incident | null> {
  const row = await db.prepare(`${SELECT} WHERE i.id = ?1`).bind(id).first<Row>();
  return row && toIncident(row);
}

/** Whether an incident exists and lies in the subtree under `root`; null if it does not exist. */
export function incidentScope(db: D1Database, id: number, root: string): Promise<{ inScope: number } | null> {
  return db
    .prepare(`SELECT EXISTS (SELECT 1 FROM unit_ancestors a WHERE a.unit = i.unit AND a.ancestor = ?2) AS inScope FROM incidents i WHERE i.id = ?1`)
    .bind(id, root)
    .first<{ inScope: number }>();
}

/**
 * Records a manager's decision: released answers count again from now on, on their own days;
 * confirmed ones stay out (back out, if they had been released). One transaction, so a
 * release that would rate a case twice changes nothing.
 */
export function decideIncident(db: D1Database, id: number, decision: Decision, note: string, userId: number, at: Date): Promise<D1Result[]> {
  return db.batch([
    db.prepare(`UPDATE incidents SET status = ?2 WHERE id = ?1`).bind(id, decision),
    db.prepare(`UPDATE responses SET status = ?2 WHERE incident = ?1 AND status <> ?2`).bind(id, decision === "released" ? "accepted" : "quarantined"),
    db.prepare(`INSERT INTO incident_events (incident, decision, note, user_id, at) VALUES (?1, ?2, ?3, ?4, ?5)`).bind(id, decision, note, userId, at.toISOString()),
  ]);
}

/** How many answers were excluded from the figures of a unit over a period (quarantined, not counted). */
export function excludedQuery(db: D1Database, unit: string, period: Period): D1PreparedStatement {
  return db.prepare(`SELECT coalesce(sum(n), 0) AS excluded FROM exclusions WHERE unit = ?1 AND day BETWEEN ?2 AND ?3`).bind(unit, period.from, period.to);
}
