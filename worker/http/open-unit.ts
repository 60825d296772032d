import type { Context } from "hono";
import { unitWithValidity } from "../db/units.ts";
import type { ManagedUnit } from "../domain/desks.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { unitInScope, type PrivateEnv } from "../middleware/session/index.ts";

/*
 * What every change to a unit shares (its desks, its survey): the account may change it, and
 * it is still open. A closed unit keeps its history and takes no change.
 */

/** The 409 for a change to a unit that has closed, or below one. */
const unitClosed = (unit: ManagedUnit) =>
  new ApiError(409, "unit_closed", {
    en: `${unit.name} (${unit.code}) closed on ${unit.validTo}; it keeps its history but changes no more.`,
    vi: `${unit.name} (${unit.code}) đã ngừng hoạt động từ ngày ${unit.validTo}; dữ liệu cũ được giữ nhưng không thay đổi được nữa.`,
  });

/** The unit with this code, provided the account may change it and it is open: 403, 404 or 409 otherwise. */
export async function openUnitToChange(c: Context<PrivateEnv>, code: string): Promise<ManagedUnit> {
  const { code: known } = await unitInScope(c, code, { change: true });
  const unit = (await unitWithValidity(c.var.store, known))!;
  if (unit.validTo) throw unitClosed(unit);
  return unit;
}
