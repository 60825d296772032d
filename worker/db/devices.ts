import type { Database, Store } from "./store.ts";
import { auditStatement } from "./audit.ts";
/*
 * Enrolled kiosks: a manager creates a device with a one-time enrolment code, the tablet
 * spends the code for its token, and sends the token with every answer. Only hashes of the
 * code and the token are stored.
 */

import type { Device } from "../domain/devices.ts";

/** A kiosk as a submission sees it: who it is, and whether it may answer for the unit. */
export interface DeviceAuth {
  id: string;
  name: string;
  revoked: boolean;
  /** Whether the unit answered for is the kiosk's unit or below it. */
  mayAnswerFor: boolean;
}

const SELECT = `
  SELECT d.id, d.name, d.unit AS unitCode, u.name AS unitName, w.name AS createdBy, d.created_at AS createdAt,
    d.enrolled_at AS enrolledAt, iif(d.enrol_hash IS NULL, NULL, d.enrol_expires_at) AS enrolExpiresAt, d.revoked_at AS revokedAt
  FROM devices d JOIN units u ON u.code = d.unit JOIN users w ON w.id = d.created_by`;

type Row = Omit<Device, "unit"> & { unitCode: string; unitName: string };
const toDevice = ({ unitCode, unitName, ...rest }: Row): Device => ({ ...rest, unit: { code: unitCode, name: unitName } });

export interface NewDevice {
  id: string;
  unit: string;
  name: string;
  enrolHash: string;
  enrolExpiresAt: Date;
  createdBy: number;
  at: Date;
}

/** Creates a kiosk awaiting enrolment, with its record (`device.create`), in one transaction. */
export async function createDevice({ catalog: db }: Store, d: NewDevice): Promise<Device> {
  const [, , row] = await db.batch([
    db
      .prepare(`INSERT INTO devices (id, unit, name, enrol_hash, enrol_expires_at, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`)
      .bind(d.id, d.unit, d.name, d.enrolHash, d.enrolExpiresAt.toISOString(), d.createdBy, d.at.toISOString()),
    auditStatement(db, {
      at: d.at,
      actor: d.createdBy,
      action: "device.create",
      unit: d.unit,
      target: d.id,
      before: null,
      after: { name: d.name, enrolExpiresAt: d.enrolExpiresAt.toISOString() },
    }),
    db.prepare(`${SELECT} WHERE d.id = ?1`).bind(d.id),
  ]);
  return toDevice(row!.results[0] as Row);
}

/** The kiosks of a unit's subtree, newest first. */
export async function listDevices({ catalog: db }: Store, root: string): Promise<Device[]> {
  const { results } = await db
    .prepare(`${SELECT} JOIN unit_ancestors a ON a.unit = d.unit AND a.ancestor = ?1 ORDER BY d.created_at DESC, d.id`)
    .bind(root)
    .all<Row>();
  return results.map(toDevice);
}

/** Whether a device exists and lies in the subtree under `root`; null if it does not exist. */
export function deviceScope({ catalog: db }: Store, id: string, root: string): Promise<{ inScope: number } | null> {
  return db
    .prepare(`SELECT EXISTS (SELECT 1 FROM unit_ancestors a WHERE a.unit = d.unit AND a.ancestor = ?2) AS inScope FROM devices d WHERE d.id = ?1`)
    .bind(id, root)
    .first<{ inScope: number }>();
}

/**
 * Spends an enrolment code for a token: the code works once, before it expires, on a device
 * not revoked. Returns the device, or null when the code is unknown, spent or expired.
 */
export function enrolDevice({ catalog: db }: Store, enrolHash: string, tokenHash: string, at: Date): Promise<{ id: string; name: string; unit: string } | null> {
  return db
    .prepare(
      `UPDATE devices SET token_hash = ?2, enrol_hash = NULL, enrolled_at = ?3
       WHERE enrol_hash = ?1 AND enrol_expires_at > ?3 AND revoked_at IS NULL
       RETURNING id, name, unit`,
    )
    .bind(enrolHash, tokenHash, at.toISOString())
    .first();
}

/**
 * Revokes a device for good: its token and any unspent code stop working at once; recorded
 * (`device.revoke`) in the same transaction. Revoking it again changes nothing.
 */
export async function revokeDevice({ catalog: db }: Store, id: string, userId: number, at: Date): Promise<Device> {
  const current = (await db.prepare(`${SELECT} WHERE d.id = ?1`).bind(id).first<Row>())!;
  if (current.revokedAt) return toDevice(current);
  const [, , row] = await db.batch([
    db.prepare(`UPDATE devices SET revoked_at = ?2, revoked_by = ?3, enrol_hash = NULL WHERE id = ?1 AND revoked_at IS NULL`).bind(id, at.toISOString(), userId),
    auditStatement(db, { at, actor: userId, action: "device.revoke", unit: current.unitCode, target: id, before: { revokedAt: null }, after: { revokedAt: at.toISOString() } }),
    db.prepare(`${SELECT} WHERE d.id = ?1`).bind(id),
  ]);
  return toDevice(row!.results[0] as Row);
}

/** The statement finding the kiosk behind a token, for the batch of a submission's reads. */
export function deviceByTokenStatement(db: Database, tokenHash: string, unit: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT d.id, d.name, d.revoked_at IS NOT NULL AS revoked,
         EXISTS (SELECT 1 FROM unit_ancestors a WHERE a.unit = ?2 AND a.ancestor = d.unit) AS mayAnswerFor
       FROM devices d WHERE d.token_hash = ?1`,
    )
    .bind(tokenHash, unit);
}

/** The row of a deviceByTokenStatement, as a domain value. */
export function toDeviceAuth(row: { id: string; name: string; revoked: number; mayAnswerFor: number } | undefined): DeviceAuth | null {
  return row ? { id: row.id, name: row.name, revoked: row.revoked === 1, mayAnswerFor: row.mayAnswerFor === 1 } : null;
}

/** The names of kiosks by id, for what the shards record of them (an incident's source). */
export async function kioskNames({ catalog }: Store, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { results } = await catalog
    .prepare(`SELECT id, name FROM devices WHERE id IN (SELECT value FROM json_each(?1))`)
    .bind(JSON.stringify([...new Set(ids)]))
    .all<{ id: string; name: string }>();
  return new Map(results.map((d) => [d.id, d.name]));
}
