import { z } from "zod";
import { UNIT_KINDS, type UnitKind } from "./units.ts";

/*
 * Who may see and change what. An account is scoped to the subtree under its unit; within
 * it an admin or a manager may change things, a viewer only reads. Officials' own figures
 * are for the managers of their unit (and admins), never for viewers.
 */

export const ROLES = ["admin", "manager", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** A unit as the private API shows it. */
export const unitSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parent: z.string().nullable(),
});
export type UnitView = z.infer<typeof unitSchema>;

/** The logged-in account, as `GET /auth/me` shows it. */
export const userSchema = z.object({
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  unit: unitSchema.pick({ code: true, name: true, kind: true }),
});
export type UserView = z.infer<typeof userSchema>;

/** The account behind a request. */
export interface SessionUser extends UserView {
  id: number;
}

/** Whether a role may change things (statuses, allowed origins) within its scope. */
export function canChange(role: Role): boolean {
  return role !== "viewer";
}

/** Whether a role may see an individual official's figures within its scope. */
export function mayViewOfficials(role: Role): boolean {
  return role !== "viewer";
}

/** Whether a unit is an individual official. */
export function isOfficial(kind: UnitKind): boolean {
  return kind === "official";
}

/**
 * Whether a child unit's figures may be listed beside its parent's: an official's only for
 * accounts that may see officials, and only at or above the minimum sample.
 */
export function mayListChild(child: { kind: UnitKind; n: number }, role: Role, minSample: number): boolean {
  return !isOfficial(child.kind) || (mayViewOfficials(role) && child.n >= minSample);
}

/** An account as the API shows it (without its internal id). */
export function userView({ id: _, ...view }: SessionUser): UserView {
  return view;
}
