/** One function per API call the dashboard makes, parameters taken from the view. */
import type { AccountChange, NewAccount } from "../../worker/domain/accounts.ts";
import type { QueueStatus, StatusChange } from "../../worker/domain/feedback.ts";
import type { Decision } from "../../worker/domain/suspicion.ts";
import type { SurveyDraft } from "../../worker/domain/survey-draft.ts";
import type { ViewState } from "../state/view-state.ts";
import type { UnitMatch } from "./types.ts";
import { api, read } from "./client.ts";

/** Complaints per page of the inbox. */
const PAGE = 50;

const period = (v: ViewState) => ({ unit: v.unit, from: v.from, to: v.to });

export const me = () => read(api.auth.me.$get());
export const login = (email: string, password: string) => read(api.auth.login.$post({ json: { email, password } }));
export const logout = () => read(api.auth.logout.$post());

export const trend = (v: ViewState) => read(api.stats.trend.$get({ query: { ...period(v), bucket: v.bucket, item: "overall" } }));
export const compare = (v: ViewState) => read(api.stats.compare.$get({ query: { ...period(v), item: "overall" } }));
export const distribution = (v: ViewState) => read(api.stats.distribution.$get({ query: { ...period(v), item: "overall" } }));
export const elements = (v: ViewState) => read(api.stats.elements.$get({ query: period(v) }));
/** The units of the scope (itself included) whose weekly share left its usual range, judged up to the period's last day. */
export const alerts = (v: ViewState) => read(api.stats.alerts.$get({ query: { unit: v.unit, to: v.to } }));

/** Decision 766's satisfaction ratios of the scope and its children, each with its numerator and denominator. */
export const decision766 = (v: ViewState) => read(api.reports["766"].$get({ query: period(v) }));
/** The SIPAS view of the scope and its children: the overall question and each element, with interval and n. */
export const sipasReport = (v: ViewState) => read(api.reports.sipas.$get({ query: period(v) }));
/** Download links for the official forms as Excel workbooks, for the scope and period. */
export function reportWorkbookLinks(v: ViewState): { decision766: string; sipas: string } {
  return { decision766: api.reports["766.xlsx"].$url({ query: period(v) }).toString(), sipas: api.reports["sipas.xlsx"].$url({ query: period(v) }).toString() };
}

export const unitDetail = (code: string) => read(api.units[":code"].$get({ param: { code } }));
/**
 * The units of the account's scope that match q, those inside `near` first among equal matches,
 * each with where it lies (the route's type merges them with the children it lists without q).
 */
export const searchUnits = (q: string, near: string) => read(api.units.$get({ query: { q, near } })) as Promise<{ units: UnitMatch[] }>;

/** The latest `limit` complaints of the scope and period, newest first. */
export const latestComplaints = (v: ViewState, limit: number) =>
  read(api.feedback.$get({ query: { ...period(v), kind: "complaint", limit: String(limit) } }));

/**
 * The complaints queue's filter as GET /feedback, its summary and the complaints exports take
 * it: scope, period and every filter set in the view.
 */
export function queueQuery(v: ViewState) {
  return {
    ...period(v),
    ...(v.kind && { kind: v.kind }),
    ...(v.official && { official: v.official }),
    ...(v.level && { level: v.level }),
    ...(v.q && { q: v.q }),
    ...(v.assignee && { assignee: v.assignee }),
  };
}
const queueStatus = (v: ViewState): { status?: QueueStatus } => (v.status === "all" ? {} : { status: v.status });

/** One page of the queue as the view filters and sorts it, with the total the filter matches. */
export const queuePage = (v: ViewState, cursor?: string) =>
  read(api.feedback.$get({ query: { ...queueQuery(v), ...queueStatus(v), sort: v.sort, limit: String(PAGE), ...(cursor && { cursor }) } }));
/** The queue's counts per status and the complaint measures, for the view's filter whatever its status. */
export const queueSummary = (v: ViewState) => read(api.feedback.summary.$get({ query: queueQuery(v) }));
/** How the scope's complaints received in the period were handled, whatever the queue's filters. */
export const complaintMeasures = (v: ViewState) => read(api.feedback.summary.$get({ query: period(v) })).then((summary) => summary.measures);
/** The accounts that may be given items of `unit`. */
export const assignees = (unit: string) => read(api.feedback.assignees.$get({ query: { unit } }));
/** A complaint's next step: status, note, public reply ("" withdraws it), assignee; what is left out stays. */
export const updateFeedback = (id: string, change: StatusChange) => read(api.feedback[":id"].$patch({ param: { id }, json: change }));
/** Several items moved at once with one change: all or none. */
export const moveFeedback = (ids: string[], change: StatusChange) => read(api.feedback.bulk.$post({ json: { ids, ...change } }));

/** Download links for the items of the queue's filter, status included (a file has no order or pages). */
export function complaintExportLinks(v: ViewState): { csv: string; xlsx: string } {
  const query = { ...queueQuery(v), ...queueStatus(v) };
  return { csv: api.exports["complaints.csv"].$url({ query }).toString(), xlsx: api.exports["complaints.xlsx"].$url({ query }).toString() };
}

export const incidents = (v: ViewState) => read(api.incidents.$get({ query: period(v) }));
export const decideIncident = (id: number, decision: Decision, note: string) =>
  read(api.incidents[":id"].decision.$post({ param: { id: String(id) }, json: { decision, note } }));

export const devices = (unit: string) => read(api.devices.$get({ query: { unit } }));
export const createDevice = (unit: string, name: string) => read(api.devices.$post({ json: { unit, name } }));
export const revokeDevice = (id: string) => read(api.devices[":id"].revoke.$post({ param: { id } }));

export const desks = (unit: string) => read(api.units[":code"].desks.$get({ param: { code: unit } }));
export const addDesk = (unit: string, name: string) => read(api.units[":code"].desks.$post({ param: { code: unit }, json: { name } }));
export const addOfficial = (desk: string, name: string) => read(api.units[":code"].officials.$post({ param: { code: desk }, json: { name } }));
export const renameUnit = (code: string, name: string) => read(api.units[":code"].$patch({ param: { code }, json: { name } }));
export const closeUnit = (code: string, on: string) => read(api.units[":code"].close.$post({ param: { code }, json: { on } }));

export const accounts = (unit: string) => read(api.accounts.$get({ query: { unit } }));
export const createAccount = (account: NewAccount) => read(api.accounts.$post({ json: account }));
export const changeAccount = (id: number, change: AccountChange) => read(api.accounts[":id"].$patch({ param: { id: String(id) }, json: change }));
export const reinviteAccount = (id: number) => read(api.accounts[":id"].invitation.$post({ param: { id: String(id) } }));
export const acceptInvitation = (token: string, password: string) => read(api.invitations.accept.$post({ json: { token, password } }));

export const audit = (v: ViewState) => read(api.audit.$get({ query: period(v) }));
/** The audit CSV's download link, filtered like the screen. */
export const auditCsvLink = (v: ViewState) => api["audit.csv"].$url({ query: period(v) }).toString();

export const statementBank = () => read(api.statements.$get());
export const unitSurveys = (code: string) => read(api.units[":code"].surveys.$get({ param: { code } }));
export const createSurvey = (code: string, draft: SurveyDraft) => read(api.units[":code"].surveys.$post({ param: { code }, json: draft }));
export const publishSurveyVersion = (code: string, id: string, draft: SurveyDraft) =>
  read(api.units[":code"].surveys[":id"].versions.$post({ param: { code, id }, json: draft }));
export const chooseSurvey = (code: string, survey: string) => read(api.units[":code"]["survey-choice"].$put({ param: { code }, json: { survey } }));
/** A draft's public survey, as the widget pointed at previewApi(token) reads it. */
export const previewSurvey = (token: string, code: string) =>
  read(api["survey-previews"][":draft"].api.v1.units[":code"].survey.$get({ param: { draft: token, code } }));
/** The widget's `api` for previewing a draft: it reads the draft there and sends its answers there, never stored. */
export const previewApi = (token: string) => `${location.origin}/api/v1/survey-previews/${token}`;

/** The QR code of a unit's hosted survey page, as its poster prints it (public, an SVG). */
export const qrCodeLink = (code: string) => api.units[":code"]["qr.svg"].$url({ param: { code } }).toString();

/** Whether the unit's results are published to citizens at /cong-khai/<code>, and since when. */
export const publication = (code: string) => read(api.units[":code"].publication.$get({ param: { code } }));
/** Publishes the unit's results to citizens, or withdraws them (managers and admins). */
export const setPublication = (code: string, published: boolean) => read(api.units[":code"].publication.$put({ param: { code }, json: { published } }));

export const origins = (code: string) => read(api.units[":code"].origins.$get({ param: { code } }));
export const saveOrigins = (code: string, list: string[]) => read(api.units[":code"].origins.$put({ param: { code }, json: { origins: list } }));

/** Download links for the CSV exports, filtered like the screen. */
export function exportLinks(v: ViewState): { responses: string; trend: string } {
  return {
    responses: api.exports["responses.csv"].$url({ query: period(v) }).toString(),
    trend: api.exports["trend.csv"].$url({ query: { ...period(v), bucket: v.bucket, item: "overall" } }).toString(),
  };
}

/** Download links for the comparison of the scope's children, as the table shows it: CSV and an Excel workbook. */
export function compareExportLinks(v: ViewState): { csv: string; xlsx: string } {
  const query = { ...period(v), item: "overall" };
  return { csv: api.exports["compare.csv"].$url({ query }).toString(), xlsx: api.exports["compare.xlsx"].$url({ query }).toString() };
}

/** A merger as the API takes it: the units that close, the one that continues them (existing or new), the day. */
export type Merger = Parameters<typeof api.mergers.$post>[0]["json"];
export const recordMerger = (merger: Merger) => read(api.mergers.$post({ json: merger }));
