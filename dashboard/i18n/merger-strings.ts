/**
 * The texts of the mergers page, in Vietnamese and English: a chunk of their own, loaded with
 * the page, so the dashboard's first load does not carry them.
 */
import type { Lang } from "./strings.ts";

const vi = {
  mergersTitle: "Sáp nhập đơn vị",
  mergersIntro: (unit: string) =>
    `Ghi nhận việc sáp nhập các đơn vị trực thuộc ${unit}: các đơn vị được chọn ngừng hoạt động từ ngày có hiệu lực (ngày trước đó là ngày cuối cùng), đơn vị kế thừa tiếp nối chúng.`,
  mergersFigures:
    "Xu hướng và so sánh của đơn vị kế thừa gồm cả số liệu của các đơn vị đã sáp nhập trước ngày có hiệu lực, có ghi chú rõ; các đơn vị cũ vẫn xem được riêng. Khi chia tách một đơn vị, số liệu cũ vẫn thuộc đơn vị cũ, không chia lại; các đơn vị mới bắt đầu từ ngày chia tách và ghi rõ \"tiếp nối một phần\" đơn vị cũ.",
  mergersChooseUnit: "Chọn một tỉnh (để sáp nhập xã, phường) hoặc một xã, phường (để sáp nhập bộ phận một cửa).",
  mergersFrom: "Các đơn vị sáp nhập",
  mergersInto: "Đơn vị kế thừa",
  mergersNewUnit: "Đơn vị mới",
  mergersNewName: "Tên đơn vị mới",
  mergersNewKind: "Loại đơn vị mới",
  mergersOn: "Ngày có hiệu lực",
  mergersRecord: "Ghi nhận sáp nhập",
  mergersDone: (names: string, into: string) => `Đã ghi nhận: ${names} sáp nhập vào ${into}.`,
  mergersOpen: (into: string) => `Xem xu hướng của ${into}`,
  kinds: { xa: "Xã", phuong: "Phường", dac_khu: "Đặc khu", desk: "Bộ phận một cửa" } as Record<string, string>,
};

const en: typeof vi = {
  mergersTitle: "Mergers of units",
  mergersIntro: (unit: string) =>
    `Record a merger of units under ${unit}: the units chosen close on the effective day (the day before is their last) and the continuing unit carries them on.`,
  mergersFigures:
    'The continuing unit\'s trend and comparison include the merged units\' answers before the effective day, and say so; the merged units stay readable on their own. When a unit is split, its history stays its own, not apportioned; the new units start on the day of the split and say they "continue part of" it.',
  mergersChooseUnit: "Choose a province (to merge communes and wards) or a commune or ward (to merge its desks).",
  mergersFrom: "Units merged",
  mergersInto: "Continuing unit",
  mergersNewUnit: "A new unit",
  mergersNewName: "Name of the new unit",
  mergersNewKind: "Kind of the new unit",
  mergersOn: "Effective day",
  mergersRecord: "Record the merger",
  mergersDone: (names: string, into: string) => `Recorded: ${names} merged into ${into}.`,
  mergersOpen: (into: string) => `Open the trend of ${into}`,
  kinds: { xa: "Commune (xã)", phuong: "Ward (phường)", dac_khu: "Special zone (đặc khu)", desk: "One-stop desk" },
};

/** The mergers page's texts in a language. */
export function mergerStrings(lang: Lang): typeof vi {
  return lang === "en" ? en : vi;
}
