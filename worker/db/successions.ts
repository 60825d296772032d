import { auditStatement } from "./audit.ts";
import { shardOf, type Database, type Store } from "./store.ts";
import { closeStatement, unitInsert, type NewUnit } from "./units.ts";
import type { AuditEntry } from "../domain/audit.ts";
import type { Predecessor, SuccessionKind } from "../domain/stats.ts";

/*
 * Mergers and splits of units (migrations/catalog/0009_successions.sql): which units continue
 * which, from which day. They are written to the province's shard, where figures add a merged
 * unit's predecessors in SQL, and to the catalog, which closes the predecessors for answers.
 */

/** A merger or split as it is written: who closes, who is added, who continues whom. */
export interface SuccessionChange {
  kind: SuccessionKind;
  /** The Viet Nam day the successors take over; the predecessors' last day is the day before. */
  on: string;
  predecessors: string[];
  successors: string[];
  /** Successors that are new units, opening on `on`. */
  added: NewUnit[];
  /** Every unit to close on `on`: the predecessors and the open units below them (desks, officials). */
  closing: string[];
}

/** Far after any day: the "until" of a unit's own answers, which always count. */
const OPEN_END = "9999-12-31";

/**
 * SQL of a recursive common table `lineage(root, unit, until)`: for each code the `roots`
 * query gives, the unit itself, and with `merged` every unit merged into it, directly or
 * through earlier mergers, with the day its answers stop counting there (the earliest
 * merger day on the way). A split adds nothing: its answers cannot be apportioned.
 */
export function lineageTable(roots: string, merged = true): string {
  const predecessors = merged
    ? `UNION ALL SELECT l.root, s.predecessor, min(l.until, s.day) FROM successions s JOIN lineage l ON s.successor = l.unit WHERE s.kind = 'merge'`
    : "";
  return `RECURSIVE lineage(root, unit, until) AS (SELECT code, code, '${OPEN_END}' FROM (${roots}) ${predecessors})`;
}

/** A root's merged predecessors and the units it continues part of, as figures name them. */
export interface Lineage {
  predecessors: Predecessor[];
  partOf: Predecessor[];
}

export interface LineageRow extends Predecessor {
  root: string;
  kind: SuccessionKind;
}

/**
 * The statement reading, for each root of `roots` (bound with `binds`), the units merged into
 * it and those it continues part of after a split, by name.
 */
export function lineageStatement(db: Database, roots: string, ...binds: unknown[]): D1PreparedStatement {
  return db
    .prepare(
      `WITH ${lineageTable(roots)}
       SELECT l.root, l.unit AS code, u.name, l.until, 'merge' AS kind FROM lineage l JOIN units u ON u.code = l.unit WHERE l.unit <> l.root
       UNION ALL
       SELECT s.successor, s.predecessor, u.name, s.day, 'split' FROM successions s JOIN units u ON u.code = s.predecessor
       WHERE s.kind = 'split' AND s.successor IN (${roots})
       ORDER BY 1, 4 DESC, 2`,
    )
    .bind(...binds);
}

/** Lineage rows (of every shard) gathered by root. */
export function lineageByRoot(rows: LineageRow[]): Map<string, Lineage> {
  const byRoot = new Map<string, Lineage>();
  for (const { root, kind, code, name, until } of rows) {
    const lineage = byRoot.get(root) ?? { predecessors: [], partOf: [] };
    (kind === "merge" ? lineage.predecessors : lineage.partOf).push({ code, name, until });
    byRoot.set(root, lineage);
  }
  return byRoot;
}

export const NO_LINEAGE: Lineage = { predecessors: [], partOf: [] };

/**
 * Records a merger or split: in the province's shard first (new units, closings, successions),
 * then in the catalog, which makes it take effect (the predecessors take no more answers),
 * with its records (`audit`) in the same batch. Units never move between provinces, so one
 * shard holds them all. A failure between the two leaves the predecessors open in the
 * catalog, and recording it again (new units under the same codes) completes it.
 */
export async function recordSuccession(store: Store, change: SuccessionChange, audit: AuditEntry[]): Promise<void> {
  const statements = (db: Database, inShard: boolean) => [
    ...change.added.map((u) => unitInsert(db, u, inShard)),
    // A unit the shard kept from an interrupted attempt takes this attempt's name and day.
    ...(inShard ? change.added.map((u) => db.prepare(`UPDATE units SET name = ?2, valid_from = ?3 WHERE code = ?1`).bind(u.code, u.name, change.on)) : []),
    closeStatement(db, change.closing, change.on),
    db
      .prepare(
        `INSERT INTO successions (predecessor, successor, day, kind)
         SELECT p.value, s.value, ?3, ?4 FROM json_each(?1) p, json_each(?2) s WHERE true
         ON CONFLICT (predecessor, successor) DO NOTHING`,
      )
      .bind(JSON.stringify(change.predecessors), JSON.stringify(change.successors), change.on, change.kind),
  ];
  const shard = await shardOf(store, change.predecessors[0]!);
  if (shard) await shard.batch(statements(shard, true));
  await store.catalog.batch([...statements(store.catalog, false), ...audit.map((e) => auditStatement(store.catalog, e))]);
}
