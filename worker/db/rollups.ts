/**
 * Adds one accepted response to the rollups of its unit and of every ancestor, for its
 * Viet Nam day and each item it answered. It reads the answers just written in the same
 * batch, so the read model is derived from the record inside one transaction. An official,
 * when named, is the deepest unit: its chain runs through its desk and commune.
 * A quarantined response matches no row and changes nothing.
 */
export function addToRollupsStatement(db: D1Database, responseId: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO rollups (unit, item, day, n, c1, c2, c3, c4, c5, sum, sumsq)
       SELECT a.ancestor, ans.item, r.day, 1,
              ans.level = 1, ans.level = 2, ans.level = 3, ans.level = 4, ans.level = 5,
              ans.level, ans.level * ans.level
       FROM responses r
       JOIN answers ans ON ans.response_id = r.id
       JOIN unit_ancestors a ON a.unit = coalesce(r.official, r.unit)
       WHERE r.id = ?1 AND r.status = 'accepted'
       ON CONFLICT (unit, item, day) DO UPDATE SET
         n = n + excluded.n,
         c1 = c1 + excluded.c1, c2 = c2 + excluded.c2, c3 = c3 + excluded.c3,
         c4 = c4 + excluded.c4, c5 = c5 + excluded.c5,
         sum = sum + excluded.sum, sumsq = sumsq + excluded.sumsq`,
    )
    .bind(responseId);
}
