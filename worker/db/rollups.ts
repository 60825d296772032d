/**
 * Adds accepted responses to the rollups of their unit and of every ancestor, per Viet Nam
 * day and item. It reads the rows just written in the same batch (the ids come as a JSON
 * array in ?1), so the read model is derived from the record inside one transaction. An
 * official, when named, is the deepest unit: its chain runs through its desk and commune.
 * Quarantined responses match no row and change nothing.
 */
export function addToRollupsStatement(db: D1Database, responseIds: string[]): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO rollups (unit, item, day, n, c1, c2, c3, c4, c5, sum, sumsq)
       SELECT a.ancestor, ans.item, r.day, count(*),
              sum(ans.level = 1), sum(ans.level = 2), sum(ans.level = 3), sum(ans.level = 4), sum(ans.level = 5),
              sum(ans.level), sum(ans.level * ans.level)
       FROM json_each(?1) ids
       JOIN responses r ON r.id = ids.value
       JOIN answers ans ON ans.response_id = r.id
       JOIN unit_ancestors a ON a.unit = coalesce(r.official, r.unit)
       WHERE r.status = 'accepted'
       GROUP BY a.ancestor, ans.item, r.day
       ON CONFLICT (unit, item, day) DO UPDATE SET
         n = n + excluded.n,
         c1 = c1 + excluded.c1, c2 = c2 + excluded.c2, c3 = c3 + excluded.c3,
         c4 = c4 + excluded.c4, c5 = c5 + excluded.c5,
         sum = sum + excluded.sum, sumsq = sumsq + excluded.sumsq`,
    )
    .bind(JSON.stringify(responseIds));
}
