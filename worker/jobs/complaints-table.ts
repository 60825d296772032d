import type { FeedbackItem, FeedbackKind, FeedbackStatus } from "../domain/feedback.ts";
import { OVERALL } from "../domain/scales.ts";
import { vnDay, vnDayStart } from "../domain/vn-time.ts";
import { levelLabel } from "./questions.ts";
import type { LocalTime, SheetCell, SheetColumn } from "./xlsx.ts";

/*
 * The complaints export: its columns and the cells of each item, one definition that the CSV
 * and the XLSX file both write. Times are on the Viet Nam clock.
 */

const KINDS: Record<FeedbackKind, string> = { complaint: "Phản ánh", feedback: "Góp ý" };
const STATUSES: Record<FeedbackStatus, string> = { new: "Mới", in_progress: "Đang xử lý", resolved: "Đã xử lý" };

/** The sheet's name in the XLSX file. */
export const COMPLAINTS_SHEET = "Phản ánh";

/** An instant on the Viet Nam clock: its day and the minute of that day. */
function vnTime(instant: string): LocalTime {
  const at = new Date(instant);
  const day = vnDay(at);
  return { day, minutes: Math.floor((at.getTime() - vnDayStart(day).getTime()) / 60_000) };
}

/** Whole hours from receipt to resolution, rounded down as the measures count them (complaintMeasuresSchema). */
const hoursToResolve = (item: FeedbackItem) =>
  item.status === "resolved" && item.resolvedAt ? Math.floor((Date.parse(item.resolvedAt) - Date.parse(item.receivedAt)) / 3_600_000) : null;

/** A column of the export: its header, width, and what an item shows in it. */
export interface ComplaintColumn extends SheetColumn {
  cell: (item: FeedbackItem) => SheetCell;
  /** A column about the named official: only for those who may see officials. */
  official?: true;
}

const COLUMNS: ComplaintColumn[] = [
  { header: "Thời điểm nhận (giờ Việt Nam)", width: 17, cell: (i) => vnTime(i.receivedAt) },
  { header: "Mã đơn vị", width: 11, cell: (i) => i.unit.code },
  { header: "Đơn vị", width: 28, cell: (i) => i.unit.name },
  { header: "Mã công chức", width: 14, official: true, cell: (i) => i.official?.code ?? null },
  { header: "Công chức", width: 22, official: true, cell: (i) => i.official?.name ?? null },
  { header: "Loại", width: 10, cell: (i) => KINDS[i.kind] },
  { header: "Mức đánh giá", width: 16, cell: (i) => levelLabel(OVERALL, i.overall) },
  { header: "Lý do", width: 40, cell: (i) => i.reason },
  { header: "Góp ý", width: 40, cell: (i) => i.comment },
  { header: "Trạng thái", width: 12, cell: (i) => STATUSES[i.status] },
  // Only a complaint has a deadline to miss.
  { header: "Quá hạn", width: 9, cell: (i) => (i.dueDay === null ? null : i.overdue ? "Có" : "Không") },
  { header: "Người xử lý", width: 22, cell: (i) => i.assignee?.name ?? null },
  { header: "Hạn xử lý", width: 11, cell: (i) => (i.dueDay === null ? null : { day: i.dueDay, minutes: null }) },
  { header: "Thời điểm xử lý xong (giờ Việt Nam)", width: 17, cell: (i) => (i.status === "resolved" && i.resolvedAt ? vnTime(i.resolvedAt) : null) },
  { header: "Thời gian xử lý (giờ)", width: 12, cell: hoursToResolve },
  { header: "Ghi chú gần nhất", width: 40, cell: (i) => i.history.filter((event) => event.note !== "").at(-1)?.note ?? null },
];

/** The export's columns: without the named official's for an account that may not see officials. */
export function complaintColumns(officials: boolean): ComplaintColumn[] {
  return COLUMNS.filter((column) => officials || !column.official);
}

/** An item's cells, in the columns' order. */
export function complaintCells(item: FeedbackItem, columns: ComplaintColumn[]): SheetCell[] {
  return columns.map((column) => column.cell(item));
}

/** The file's name: what it holds. */
export const complaintsFilename = (unit: string, from: string, to: string, extension: "csv" | "xlsx") =>
  `hailong-complaints-${unit}-${from}-${to}.${extension}`;
