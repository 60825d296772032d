import type { ExportRow } from "../db/exports.ts";
import { BOM, csvLine, type Cell } from "../domain/csv.ts";
import { OVERALL } from "../domain/scales.ts";
import { vnMoment } from "../domain/vn-time.ts";
import { levelLabel, questionHeader } from "./questions.ts";

/*
 * The answers file, one layout whether it is streamed in one request or written into R2 by
 * an export job: the same rows give the same bytes.
 */

const HEADER = [
  "Mã phiếu",
  "Trạng thái",
  "Thời điểm nhận (giờ Việt Nam)",
  "Thời điểm đánh giá (giờ Việt Nam)",
  "Ngày (giờ Việt Nam)",
  "Mã đơn vị",
  "Đơn vị",
  "Khảo sát",
  "Phiên bản",
  "Kênh",
  "Ngôn ngữ",
  "Mã hồ sơ",
];

/** An item answered in the export's period: its code, and its Vietnamese text for the header (null when no survey words it). */
export interface AnswerColumn {
  item: string;
  text: string | null;
}

/** What fixes the file's columns and content: the items answered, and whether texts about named officials are shown. */
export interface AnswersLayout {
  /** The overall question first, then the statements (see answerColumns). */
  columns: AnswerColumn[];
  /** False for viewers: what a citizen wrote about a named official is the unit's managers' business. */
  officials: boolean;
}

/** The item columns for the items answered in the period, the overall question first, then the statements, each with its text from `texts` (see questionTexts). */
export function answerColumns(items: string[], texts: Map<string, string>): AnswerColumn[] {
  // Every stored answer set has the overall question.
  return [OVERALL, ...items.filter((i) => i !== OVERALL)].map((item) => ({ item, text: texts.get(item) ?? null }));
}

/** The file's start: the byte order mark and the header row, each item's level beside it, then its label. */
export function answersHeader({ columns }: AnswersLayout): string {
  const items = columns.flatMap(({ item, text }) => [questionHeader(item, text), `${item} (nhãn mức)`]);
  return BOM + csvLine([...HEADER, ...items, "Lý do không hài lòng", "Góp ý"]);
}

/** Whether an answer counts, as the answers export says it. */
const statusCell = (r: ExportRow) =>
  r.status === "accepted" ? "Được tính" : r.incident === null ? "Không tính: bẫy chống bot" : `Không tính: bất thường #${r.incident}`;

/** One answer set's line. */
export function answersLine(r: ExportRow, { columns, officials }: AnswersLayout): string {
  const answers = JSON.parse(r.answers) as Record<string, number>;
  const cells: Cell[] = [r.id, statusCell(r), vnMoment(new Date(r.receivedAt)), r.answeredAt && vnMoment(new Date(r.answeredAt)), r.day, r.unit, r.unitName, r.survey, r.version, r.channel, r.lang, r.caseCode];
  const levels = columns.flatMap(({ item }) => [answers[item], levelLabel(item, answers[item])]);
  const texts = r.official && !officials ? [null, null] : [r.reason, r.comment];
  return csvLine([...cells, ...levels, ...texts]);
}

/** The file's name: what it holds. */
export const answersFilename = (unit: string, from: string, to: string) => `hailong-answers-${unit}-${from}-${to}.csv`;
