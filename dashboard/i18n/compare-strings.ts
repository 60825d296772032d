/** The comparison's change against the previous period and its downloads, in Vietnamese and English. */
import type { Lang } from "./strings.ts";

const vi = {
  colChange: "Thay đổi so với kỳ trước",
  changeNote: (from: string, to: string) =>
    `Thay đổi: tỷ lệ hài lòng kỳ này trừ tỷ lệ của kỳ trước cùng độ dài (${from} – ${to}), tính bằng điểm phần trăm; "—" khi một trong hai kỳ chưa đủ mẫu hoặc bị ẩn.`,
  previousTitle: (share: string, n: string) => `Kỳ trước: ${share}, ${n} lượt`,
  exportCompare: "Bảng so sánh",
};

export type CompareStrings = typeof vi;

const en: CompareStrings = {
  colChange: "Change on the previous period",
  changeNote: (from, to) =>
    `Change: this period's share satisfied less that of the previous period of the same length (${from} – ${to}), in percentage points; "—" when either period has too few answers or is hidden.`,
  previousTitle: (share, n) => `Previous period: ${share}, ${n} answers`,
  exportCompare: "Comparison table",
};

/** The comparison's texts in one language. */
export function compareStrings(lang: Lang): CompareStrings {
  return lang === "vi" ? vi : en;
}
