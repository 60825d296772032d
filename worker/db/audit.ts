import type { AuditEntry, AuditRecord } from "../domain/audit.ts";
import { addDays, type Period } from "../domain/period.ts";
import { vnDayStart } from "../domain/vn-time.ts";
import { eachShard, shardsUnder, type Database, type Store } from "./store.ts";
import { authorNames } from "./users.ts";

/*
 * The administrative record. A change is recorded by the statement below, in the same batch
 * as the change and in the same database, so that no change is left unrecorded and no record
 * tells of a change that failed. The catalog records changes to what it holds; a shard, the
 * decisions on its incidents and complaints. Reading merges them.
 */

/** The statement recording a change, to run in the batch that makes it. */
export function auditStatement(db: Database, entry: AuditEntry): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO audit_log (at, actor, action, unit, target, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`)
    .bind(
      entry.at.toISOString(),
      entry.actor,
      entry.action,
      entry.unit,
      entry.target,
      entry.before && JSON.stringify(entry.before),
      entry.after && JSON.stringify(entry.after),
    );
}

/** What to read: the changes concerning the subtree under `root` in a period (Viet Nam days), newest first. */
export interface AuditFilter extends Period {
  root: string;
  limit: number;
}

interface AuditRow {
  id: number;
  at: string;
  actor: number | null;
  action: AuditRecord["action"];
  unit: string;
  target: string;
  before: string | null;
  after: string | null;
}

/**
 * Changes concerning the subtree under `root`, newest first, from the catalog and the shards
 * under it. Ids are "<database>-<row>" (CATALOG-12, 01-7): each database numbers its own.
 */
export async function listAudit(store: Store, f: AuditFilter): Promise<AuditRecord[]> {
  const from = vnDayStart(f.from).toISOString();
  const to = vnDayStart(addDays(f.to, 1)).toISOString();
  const read = (name: string) => async (db: Database) => {
    const { results } = await db
      .prepare(
        `SELECT l.* FROM audit_log l JOIN unit_ancestors a ON a.unit = l.unit AND a.ancestor = ?1
         WHERE l.at >= ?2 AND l.at < ?3 ORDER BY l.at DESC, l.id DESC LIMIT ?4`,
      )
      .bind(f.root, from, to, f.limit)
      .all<AuditRow>();
    return results.map((row) => ({ ...row, id: `${name}-${row.id}` }));
  };
  const shards = await shardsUnder(store, f.root);
  const names = new Map([...store.shards].map(([province, db]) => [db, province]));
  const pages = await Promise.all([read("CATALOG")(store.catalog), eachShard(shards, (db) => read(names.get(db)!)(db))]);
  const rows = [pages[0], ...pages[1]].flat().sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1)).slice(0, f.limit);
  const name = await authorNames(store, [rows.flatMap((r) => (r.actor === null ? [] : [{ by: r.actor }]))]);
  return rows.map((row) => ({
    ...row,
    actor: row.actor === null ? null : { id: row.actor, name: name(row.actor) },
    before: row.before === null ? null : (JSON.parse(row.before) as Record<string, unknown>),
    after: row.after === null ? null : (JSON.parse(row.after) as Record<string, unknown>),
  }));
}
