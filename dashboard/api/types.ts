/**
 * The shapes the dashboard reads, derived from the API's own route types through the typed
 * client, so a change in the worker shows up here at compile time.
 */
import type { api, Success } from "./client.ts";

type Body<F extends (...args: never[]) => Promise<unknown>> = Success<Awaited<ReturnType<F>>>;

export type User = Body<typeof api.auth.me.$get>["user"];
export type Trend = Body<typeof api.stats.trend.$get>;
export type TrendPoint = Trend["points"][number];
export type Compare = Body<typeof api.stats.compare.$get>;
/** A figure as every stats response gives it: n, satisfied, share, interval and mean. */
export type Figure = Omit<Compare["total"], "previous" | "change">;
export type FunnelUnit = Compare["funnel"]["units"][number];
export type Alert = Body<typeof api.stats.alerts.$get>["alerts"][number];
export type Distribution = Body<typeof api.stats.distribution.$get>;
export type Elements = Body<typeof api.stats.elements.$get>;
export type UnitDetail = Body<(typeof api.units)[":code"]["$get"]>;
export type UnitRef = UnitDetail["unit"];
/** A unit GET /units?q= found, with where it lies; named from the domain, as the route's type merges it with the children listed without q. */
export type { UnitMatch } from "../../worker/domain/unit-search.ts";
export type FeedbackPage = Body<typeof api.feedback.$get>;
export type FeedbackItem = FeedbackPage["items"][number];
export type Origins = Body<(typeof api.units)[":code"]["origins"]["$get"]>;
export type Incident = Body<typeof api.incidents.$get>["incidents"][number];
export type Device = Body<typeof api.devices.$get>["devices"][number];
export type ManagedUnit = Body<(typeof api.units)[":code"]["desks"]["$get"]>["units"][number];
export type Account = Body<typeof api.accounts.$get>["accounts"][number];
export type AuditRecord = Body<typeof api.audit.$get>["records"][number];
export type UnitSurveys = Body<(typeof api.units)[":code"]["surveys"]["$get"]>;
export type UsableSurvey = UnitSurveys["surveys"][number];
export type BankStatement = Body<typeof api.statements.$get>["statements"][number];
export type QueueSummary = Body<typeof api.feedback.summary.$get>;
export type Assignee = Body<typeof api.feedback.assignees.$get>["accounts"][number];
