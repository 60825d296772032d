/** Whether a web origin may embed the widget for a unit: set on the unit or any ancestor. */
export function originAllowedQuery(db: D1Database, unit: string, origin: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT EXISTS (
         SELECT 1 FROM unit_ancestors a JOIN allowed_origins o ON o.unit = a.ancestor
         WHERE a.unit = ?1 AND o.origin = ?2
       ) AS allowed`,
    )
    .bind(unit, origin);
}
