import type { Role } from "./access.ts";

/*
 * The role ceiling: an account gives others at most its own role, and administers only
 * accounts whose role is no higher than its own. So a manager makes managers and viewers of
 * their subtree, and only an admin makes an admin. Without zod, for the dashboard too.
 */

const RANK: Record<Role, number> = { viewer: 0, manager: 1, admin: 2 };

/** Whether an account with role `own` may give, or administer an account with, role `role`. */
export function mayGrant(own: Role, role: Role): boolean {
  return RANK[role] <= RANK[own];
}

/** The roles an account with role `own` may give, highest first. */
export function grantableRoles(own: Role): Role[] {
  return (["admin", "manager", "viewer"] as const).filter((role) => mayGrant(own, role));
}

/** Whether a role administers accounts at all (viewers only read). */
export function administersAccounts(role: Role): boolean {
  return role !== "viewer";
}
