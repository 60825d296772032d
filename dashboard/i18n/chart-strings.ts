/** The unit page's chart texts for the monthly meeting (parent's line, shared axis, change, SIPAS), in Vietnamese and English. */
import type { Lang } from "./strings.ts";

const vi = {
  parentLine: (name: string) => `${name} (đơn vị cấp trên)`,
  fullAxis: "Trục 0–100 %",
  fullAxisNote: "Cố định trục tỷ lệ của các biểu đồ từ 0 đến 100 %, để ảnh chụp của các đơn vị so được với nhau. Tắt: trục vừa với số liệu.",
  overallSeparate: (share: string) => `Đánh giá chung (câu hỏi 3 mức) trong kỳ: ${share} hài lòng.`,
  elementsScaleNote:
    "Đánh giá chung không vẽ cùng trục với các yếu tố: câu hỏi chung có 3 mức, các tiêu chí SIPAS có 5 mức với mức “Bình thường” không tính là hài lòng, nên hai tỷ lệ không so sánh được với nhau.",
  colChange: "Thay đổi so với kỳ trước",
  colPrevious: "Kỳ trước",
  points: (value: string) => `${value} điểm %`,
  previousCell: (share: string, n: string) => `${share} (n = ${n})`,
  changeNote: (from: string, to: string) =>
    `Kỳ trước: ${from} – ${to}, cùng số ngày và ngay trước kỳ đang xem. Thay đổi tính bằng điểm phần trăm; “—” khi một trong hai kỳ chưa đủ mẫu.`,
  exportCompare: "Bảng so sánh",
};

export type ChartStrings = typeof vi;

const en: ChartStrings = {
  parentLine: (name) => `${name} (the unit above)`,
  fullAxis: "Axis 0–100%",
  fullAxisNote: "Fixes the charts' share axis from 0 to 100%, so that screenshots of different units compare. Off: the axis fits the figures.",
  overallSeparate: (share) => `Overall rating (the 3-level question) in the period: ${share} satisfied.`,
  elementsScaleNote:
    "The overall rating is not drawn on the elements' axis: the overall question has 3 levels, the SIPAS statements 5, whose “Neutral” does not count as satisfied, so the two shares do not compare.",
  colChange: "Change on the previous period",
  colPrevious: "Previous period",
  points: (value) => `${value} pts`,
  previousCell: (share, n) => `${share} (n = ${n})`,
  changeNote: (from, to) =>
    `Previous period: ${from} – ${to}, as many days, just before the period shown. Changes are in percentage points; “—” when either period lacks enough answers.`,
  exportCompare: "Comparison table",
};

/** The chart texts in one language. */
export function chartStrings(lang: Lang): ChartStrings {
  return lang === "vi" ? vi : en;
}

/** A change of share (−1..1) in signed percentage points, "+3,2 điểm %"; "—" when there is none. */
export function pointsChange(change: number | null, lang: Lang): string {
  if (change === null) return "—";
  const value = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(change * 100);
  return chartStrings(lang).points(value);
}
