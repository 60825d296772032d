/** The funnel plot's texts, in Vietnamese and English. */
import type { FunnelLabel } from "../../worker/domain/funnel-limits.ts";
import type { Lang } from "./strings.ts";

const vi = {
  funnelTitle: "Biểu đồ phễu: so sánh công bằng theo cỡ mẫu",
  funnelSummary: (counts: Record<FunnelLabel, number>, shown: number, p0: string) =>
    `${shown} đơn vị đủ mẫu quanh tỷ lệ chung ${p0}: ${counts.within} trong giới hạn, ${counts.above} cao hơn kỳ vọng, ${counts.below} thấp hơn kỳ vọng.`,
  funnelNone: "Chưa vẽ được biểu đồ phễu: đơn vị cấp trên hoặc các đơn vị trực thuộc chưa đủ mẫu.",
  funnelNote:
    "Mỗi chấm là một đơn vị: tỷ lệ hài lòng theo số lượt đánh giá. Hai đường cong là giới hạn kiểm soát 95 % và 99,8 % quanh tỷ lệ chung (Spiegelhalter 2005): đơn vị ít lượt dao động nhiều hơn chỉ do ngẫu nhiên, nên giới hạn rộng hơn. Chỉ đơn vị nằm ngoài giới hạn 95 % mới được coi là cao hơn hay thấp hơn kỳ vọng.",
  funnelWidened: (tau: string) =>
    `Các đơn vị chênh nhau nhiều hơn mức ngẫu nhiên cho phép, nên giới hạn đã được nới rộng thêm độ lệch giữa các đơn vị τ = ${tau} điểm % (phương pháp SHMI của NHS Anh).`,
  funnelBelowMin: (units: number) => `${units} đơn vị chưa đủ mẫu không được vẽ.`,
  p0: "Tỷ lệ chung (đơn vị cấp trên)",
  limit95: "Giới hạn 95 %",
  limit998: "Giới hạn 99,8 %",
  col95: "Giới hạn 95 %",
  col998: "Giới hạn 99,8 %",
  colLabel: "Vị trí",
};

export type FunnelStrings = typeof vi;

const en: FunnelStrings = {
  funnelTitle: "Funnel plot: a fair comparison by sample size",
  funnelSummary: (counts, shown, p0) =>
    `${shown} units with enough answers around the overall ${p0}: ${counts.within} within the limits, ${counts.above} higher than expected, ${counts.below} lower than expected.`,
  funnelNone: "No funnel plot yet: the unit above or the units below do not have enough answers.",
  funnelNote:
    "Each dot is a unit: its share satisfied against its number of answers. The curves are the 95% and 99.8% control limits around the overall share (Spiegelhalter 2005): small units vary more by chance alone, so their limits are wider. Only a unit outside the 95% limits counts as higher or lower than expected.",
  funnelWidened: (tau) =>
    `The units differ more than chance allows, so the limits are widened by the spread between units, τ = ${tau} percentage points (the NHS England SHMI method).`,
  funnelBelowMin: (units) => `${units} units without enough answers are not drawn.`,
  p0: "Overall share (the unit above)",
  limit95: "95% limits",
  limit998: "99.8% limits",
  col95: "95% limits",
  col998: "99.8% limits",
  colLabel: "Position",
};

/** The funnel plot's texts in one language. */
export function funnelStrings(lang: Lang): FunnelStrings {
  return lang === "vi" ? vi : en;
}
