-- The unit registry, in the catalog and in every province's shard alike: the catalog answers
-- what a unit is and who may see it; a shard's triggers count each answer into the rollups of
-- its unit and every ancestor through the closure. A unit added later (a desk, an official, a
-- merged commune) is added to both (worker/db/units.ts).

-- The administrative tree: the country, 34 provinces, 3,321 communes (official statistics
-- codes), and below a commune the desks and officials that admins add. A unit is never
-- deleted: a merger closes it (valid_to) so answers keep pointing at what existed then.
CREATE TABLE units (
  code       TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('country', 'province', 'xa', 'phuong', 'dac_khu', 'desk', 'official')),
  parent     TEXT REFERENCES units (code),
  valid_from TEXT NOT NULL DEFAULT '2025-07-01',
  valid_to   TEXT,
  CHECK ((kind = 'country') = (parent IS NULL))
);
CREATE INDEX units_parent ON units (parent);

-- Closure of the tree: one row per (unit, ancestor) pair, the unit itself included at
-- distance 0. Rollups fan out through it and scope checks are one indexed lookup.
CREATE TABLE unit_ancestors (
  unit     TEXT NOT NULL REFERENCES units (code),
  ancestor TEXT NOT NULL REFERENCES units (code),
  distance INTEGER NOT NULL,
  PRIMARY KEY (unit, ancestor)
) WITHOUT ROWID;
CREATE INDEX unit_ancestors_ancestor ON unit_ancestors (ancestor, distance);

-- Keeps the closure true for every unit added later (desks, officials, merged units).
CREATE TRIGGER units_closure AFTER INSERT ON units
BEGIN
  INSERT INTO unit_ancestors (unit, ancestor, distance) VALUES (NEW.code, NEW.code, 0);
  INSERT INTO unit_ancestors (unit, ancestor, distance)
    SELECT NEW.code, ancestor, distance + 1 FROM unit_ancestors WHERE unit = NEW.parent;
END;

-- The tree under the answers: a unit never moves, changes kind or disappears (a merger closes
-- units with valid_to and continues them in another), so the closure stays true.
CREATE TRIGGER units_fixed_place BEFORE UPDATE OF code, kind, parent ON units
BEGIN
  SELECT RAISE(ABORT, 'a unit never moves or changes kind: close it (valid_to) and add its successor');
END;
CREATE TRIGGER units_never_deleted BEFORE DELETE ON units
BEGIN
  SELECT RAISE(ABORT, 'units are never deleted: close them with valid_to');
END;
CREATE TRIGGER unit_ancestors_by_trigger_only_update BEFORE UPDATE ON unit_ancestors
BEGIN
  SELECT RAISE(ABORT, 'the unit closure is kept by the units trigger');
END;
CREATE TRIGGER unit_ancestors_by_trigger_only_delete BEFORE DELETE ON unit_ancestors
BEGIN
  SELECT RAISE(ABORT, 'the unit closure is kept by the units trigger');
END;
