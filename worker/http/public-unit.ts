import type { UnitContext } from "../db/contexts.ts";
import { originImplicitlyAllowed } from "../domain/origin.ts";
import type { SurveyVersion } from "../domain/survey.ts";
import { isServicePoint } from "../domain/units.ts";
import { originRefused } from "../middleware/cors/index.ts";
import { ApiError, unknownUnit } from "../middleware/errors/index.ts";

/*
 * What the public endpoints (the survey the widget shows, the answers it sends) share: which
 * origin a request must be allowed for, and the refusals a unit's context can give.
 */

/** A unit's context that a public request may use: its survey is known. */
export type UsableContext = UnitContext & { survey: SurveyVersion };

/** The origin a unit must allow for this request; none for the worker's own pages and tools. */
export function originToCheck(request: { origin: string | undefined; self: string }): string | undefined {
  return originImplicitlyAllowed(request.origin, request.self) ? undefined : request.origin;
}

/**
 * The context of a unit for a public request, or the error that ends it: 404 for an unknown
 * unit, or for a closed one (`unit_closed`, which the widget shows), 400 for a unit that
 * serves no citizens itself (the country, a province), 403 for an origin the unit has not
 * allowed, 404 for a survey it cannot use.
 */
export function usableContext(
  context: UnitContext | null,
  q: { unit: string; survey?: string | undefined; version?: number | undefined },
  origin: string | undefined,
): UsableContext {
  if (!context) throw unknownUnit(q.unit);
  if (context.closedOn) throw unitClosed(context);
  if (!isServicePoint(context.kind)) throw notAServicePoint(context);
  if (!context.originAllowed) throw originRefused(origin!, q.unit);
  const { survey } = context;
  if (!survey) throw unknownSurvey(q.version ? `${q.survey} v${q.version}` : (q.survey ?? "default"), q.unit);
  return { ...context, survey };
}

/** The 404 for a desk or official its managers have closed. */
function unitClosed(unit: UnitContext): ApiError {
  return new ApiError(404, "unit_closed", {
    en: `${unit.name} (${unit.code}) no longer takes ratings: it closed on ${unit.closedOn}.`,
    vi: `${unit.name} (${unit.code}) đã ngừng nhận đánh giá từ ngày ${unit.closedOn}.`,
  });
}

/** The 400 for the country or a province: answers go to the commune, desk or official that served. */
function notAServicePoint(unit: UnitContext): ApiError {
  return new ApiError(
    400,
    "invalid",
    {
      en: `Please check: Unit. ${unit.name} (${unit.code}) serves no citizens itself; use the code of the commune, ward or desk that served them.`,
      vi: `Vui lòng kiểm tra lại: Đơn vị. ${unit.name} (${unit.code}) không trực tiếp phục vụ người dân; hãy dùng mã của xã, phường hoặc bộ phận đã phục vụ.`,
    },
    { unit: "not a service point: a commune, or a desk or official below one" },
  );
}

/** The 404 for a survey (or version) that the unit cannot use. */
export function unknownSurvey(survey: string, unit: string): ApiError {
  return new ApiError(404, "unknown_survey", {
    en: `Survey "${survey}" is not published for unit ${unit}. Remove the survey attribute to use the unit's own.`,
    vi: `Khảo sát "${survey}" không dùng được cho đơn vị ${unit}. Bỏ thuộc tính survey để dùng khảo sát mặc định của đơn vị.`,
  });
}
