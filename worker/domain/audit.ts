/*
 * The administrative record (migrations/catalog/0006_audit.sql): every change an account
 * makes to how Hài Lòng runs, with who, what, before and after, and when.
 */

/** Every kind of change recorded, "<what>.<verb>". */
export const AUDIT_ACTIONS = [
  "account.create",
  "account.update",
  "account.disable",
  "account.enable",
  "account.invite",
  "unit.create",
  "unit.rename",
  "unit.close",
  "unit.merge",
  "unit.publish",
  "survey.publish",
  "survey.choose",
  "origin.add",
  "origin.remove",
  "device.create",
  "device.revoke",
  "incident.decide",
  "feedback.status",
  "feedback.erase",
  "complaints.deadline",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One change as recorded. `before` and `after` hold only the fields that changed. */
export interface AuditEntry {
  at: Date;
  /** The account that made it; null for the command line. */
  actor: number | null;
  action: AuditAction;
  /** The unit the change concerns: its subtree's readers see it. */
  unit: string;
  /** What within the unit: an account's id, a device's, a survey's, a response's. */
  target: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Who makes a change and when, as a db module that records it is told. */
export type Author = Pick<AuditEntry, "actor" | "at">;

/** A recorded change as the API lists it, its actor by name. */
export interface AuditRecord extends Omit<AuditEntry, "at" | "actor"> {
  id: string;
  at: string;
  actor: { id: number; name: string } | null;
}
