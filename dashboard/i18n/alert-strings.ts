/** The texts of "Cần chú ý" (control-chart alerts), in Vietnamese and English. */
import type { Direction, SpcRule } from "../../worker/domain/spc.ts";
import type { Lang } from "./strings.ts";

/** What a rule saw, given the side of the centre line it looked at ("dưới" or "trên"). */
type RuleWords = Record<SpcRule, (side: string) => string>;

const vi = {
  attentionTitle: "Cần chú ý",
  attentionIntro: "Đơn vị có tỷ lệ hài lòng hằng tuần ra khỏi mức thường ngày của chính mình (biểu đồ kiểm soát), giảm trước, tăng sau",
  attentionNone:
    "Không đơn vị nào ra khỏi mức thường ngày: tỷ lệ hài lòng hằng tuần của mỗi đơn vị vẫn dao động trong khoảng mà các tuần trước đó của chính đơn vị cho phép, nên chưa có dấu hiệu giảm hay tăng cần xem xét. Chỉ tính các tuần đủ mẫu, không tính câu trả lời bị loại.",
  colWhat: "Diễn biến",
  colSince: "Từ tuần",
  colLatest: "Tuần gần nhất",
  colBaseline: "Mức thường ngày",
  directions: { drop: "Giảm", rise: "Tăng" } as Record<Direction, string>,
  sides: { drop: "dưới", rise: "trên" } as Record<Direction, string>,
  rules: {
    outside_3sigma: (side) => `1 tuần ${side} giới hạn 3σ`,
    two_of_three_2sigma: (side) => `2 trong 3 tuần ${side} 2σ`,
    run_of_7: (side) => `7 tuần liền ${side} đường trung tâm`,
  } as RuleWords,
};

export type AlertStrings = typeof vi;

const en: AlertStrings = {
  attentionTitle: "Needs attention",
  attentionIntro: "Units whose weekly satisfaction left their own usual range (control chart), drops first, then rises",
  attentionNone:
    "No unit left its usual range: each unit's weekly satisfaction still varies within what its own earlier weeks make likely, so there is no sign of a drop or a rise to look into. Only weeks with enough answers count, and excluded answers never do.",
  colWhat: "What happened",
  colSince: "Since the week of",
  colLatest: "Latest week",
  colBaseline: "Usual level",
  directions: { drop: "Drop", rise: "Rise" },
  sides: { drop: "below", rise: "above" },
  rules: {
    outside_3sigma: (side) => `1 week ${side} the 3σ limit`,
    two_of_three_2sigma: (side) => `2 of 3 weeks ${side} 2σ`,
    run_of_7: (side) => `7 weeks in a row ${side} the centre line`,
  },
};

const ALERT_STRINGS: Record<Lang, AlertStrings> = { vi, en };

/** The texts in one language. */
export function alertStrings(lang: Lang): AlertStrings {
  return ALERT_STRINGS[lang];
}

/** An alert in words: "Giảm: 1 tuần dưới giới hạn 3σ". */
export function alertWords(direction: Direction, rule: SpcRule, lang: Lang): string {
  const r = alertStrings(lang);
  return `${r.directions[direction]}: ${r.rules[rule](r.sides[direction])}`;
}
