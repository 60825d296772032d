import type { ExportRow } from "../db/exports.ts";
import { BOM, csvLine, type Cell } from "../domain/csv.ts";
import { OVERALL } from "../domain/scales.ts";

/*
 * The answers file, one layout whether it is streamed in one request or written into R2 by
 * an export job: the same rows give the same bytes.
 */

const HEADER = [
  "Mã phiếu",
  "Trạng thái",
  "Thời điểm nhận (UTC)",
  "Thời điểm đánh giá (UTC)",
  "Ngày (giờ Việt Nam)",
  "Mã đơn vị",
  "Đơn vị",
  "Khảo sát",
  "Phiên bản",
  "Kênh",
  "Ngôn ngữ",
  "Mã hồ sơ",
];

/** What fixes the file's columns and content: the items answered, and whether texts about named officials are shown. */
export interface AnswersLayout {
  /** The overall question first, then the statements (see answerColumns). */
  columns: string[];
  /** False for viewers: what a citizen wrote about a named official is the unit's managers' business. */
  officials: boolean;
}

/** The item columns for the items answered in the period: the overall question first, then the statements. */
export function answerColumns(items: string[]): string[] {
  // Every stored answer set has the overall question.
  return [OVERALL, ...items.filter((i) => i !== OVERALL)];
}

/** The file's start: the byte order mark and the header row. */
export function answersHeader({ columns }: AnswersLayout): string {
  return BOM + csvLine([...HEADER, ...columns, "Lý do không hài lòng", "Góp ý"]);
}

/** Whether an answer counts, as the answers export says it. */
const statusCell = (r: ExportRow) =>
  r.status === "accepted" ? "Được tính" : r.incident === null ? "Không tính: bẫy chống bot" : `Không tính: bất thường #${r.incident}`;

/** One answer set's line. */
export function answersLine(r: ExportRow, { columns, officials }: AnswersLayout): string {
  const answers = JSON.parse(r.answers) as Record<string, number>;
  const cells: Cell[] = [r.id, statusCell(r), r.receivedAt, r.answeredAt, r.day, r.unit, r.unitName, r.survey, r.version, r.channel, r.lang, r.caseCode];
  const texts = r.official && !officials ? [null, null] : [r.reason, r.comment];
  return csvLine([...cells, ...columns.map((item) => answers[item]), ...texts]);
}

/** The file's name: what it holds. */
export const answersFilename = (unit: string, from: string, to: string) => `hailong-answers-${unit}-${from}-${to}.csv`;
