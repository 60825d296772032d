/** The texts of the printed report ("Báo cáo") for the monthly meeting, in Vietnamese and English. */
import type { Decision766Ratios } from "../../worker/domain/decision-766.ts";
import type { Lang } from "./strings.ts";

type RatioKey = keyof Decision766Ratios;

const vi = {
  reportTitle: "Báo cáo mức độ hài lòng",
  reportIntro: "Trang hiển thị đúng khổ in A4. Bấm “In báo cáo” rồi chọn máy in hoặc “Lưu dưới dạng PDF”.",
  print: "In báo cáo",
  workbook766: "Quyết định 766 (XLSX)",
  workbookSipas: "SIPAS (XLSX)",
  unitLabel: "Đơn vị",
  parentLabel: "Trực thuộc",
  periodLabel: "Kỳ báo cáo",
  period: (from: string, to: string, bucket: string) => `${from} – ${to} (số liệu theo ${bucket.toLowerCase()})`,
  printedOn: (day: string) => `In ngày ${day}`,
  decision766Title: "Mức độ hài lòng theo Quyết định 766/QĐ-TTg",
  decision766Summary: (minSample: string) => `Mỗi tỷ lệ kèm tử số / mẫu số; mẫu số dưới ${minSample} thì chưa đủ mẫu để tính tỷ lệ.`,
  ratios: {
    onTime: "Xử lý đúng hạn",
    notUnsatisfiedOrLate: "Không tồn đọng, quá hạn",
    satisfiedSets: "Phiếu hài lòng",
  } satisfies Record<RatioKey, string>,
  ratioDefinitions: {
    onTime: "Xử lý đúng hạn: phản ánh đã xử lý xong trong hạn / phản ánh tiếp nhận trong kỳ.",
    notUnsatisfiedOrLate: "Không tồn đọng, quá hạn: phản ánh đã xử lý đúng hạn hoặc còn trong hạn / phản ánh tiếp nhận trong kỳ.",
    satisfiedSets: "Phiếu hài lòng: phiếu không chọn “Không hài lòng” và không có phản ánh đang mở / phiếu đánh giá (mỗi hồ sơ tính một lần).",
  } satisfies Record<RatioKey, string>,
  ratioShare: (name: string) => `Tỷ lệ ${name.toLowerCase()}`,
  ratioCell: (numerator: string, denominator: string) => `${numerator} / ${denominator}`,
  sipasTitle: "Chỉ số SIPAS theo đơn vị",
  sipasSummary: "Mỗi đơn vị có câu trả lời SIPAS: đánh giá chung (câu hỏi 3 mức), rồi từng yếu tố SIPAS (5 mức) có câu trả lời trong kỳ.",
  sipasOverall: "đánh giá chung (3 mức)",
  sipasNotAsked: (units: number) => `${units} đơn vị không có câu trả lời SIPAS trong kỳ: đánh giá chung của các đơn vị này ở bảng so sánh phía trên.`,
  colFigure: "Đơn vị, yếu tố",
  measuresTable: "Chỉ số xử lý phản ánh",
  colMeasure: "Chỉ số",
  colValue: "Giá trị",
};

export type ReportStrings = typeof vi;

const en: ReportStrings = {
  reportTitle: "Citizen satisfaction report",
  reportIntro: "The page is laid out at A4 width. Press “Print report”, then choose a printer or “Save as PDF”.",
  print: "Print report",
  workbook766: "Decision 766 (XLSX)",
  workbookSipas: "SIPAS (XLSX)",
  unitLabel: "Unit",
  parentLabel: "Part of",
  periodLabel: "Period",
  period: (from, to, bucket) => `${from} – ${to} (figures by ${bucket.toLowerCase()})`,
  printedOn: (day) => `Printed on ${day}`,
  decision766Title: "Satisfaction under Decision 766/QĐ-TTg",
  decision766Summary: (minSample) => `Each ratio with its numerator / denominator; below ${minSample} in the denominator there are not enough answers for a ratio.`,
  ratios: {
    onTime: "Handled on time",
    notUnsatisfiedOrLate: "Not left unsatisfied or late",
    satisfiedSets: "Satisfied answer sets",
  },
  ratioDefinitions: {
    onTime: "Handled on time: complaints resolved by their due day / complaints received in the period.",
    notUnsatisfiedOrLate: "Not left unsatisfied or late: complaints resolved on time or still within their deadline / complaints received in the period.",
    satisfiedSets: "Satisfied answer sets: answer sets not “Không hài lòng” and carrying no open complaint / answer sets (a case counts once).",
  },
  ratioShare: (name) => `${name}: ratio`,
  ratioCell: (numerator, denominator) => `${numerator} / ${denominator}`,
  sipasTitle: "SIPAS figures by unit",
  sipasSummary: "For each unit with SIPAS answers: the overall rating (the 3-level question), then each SIPAS element (5 levels) answered in the period.",
  sipasOverall: "overall rating (3 levels)",
  sipasNotAsked: (units) => `${units} units had no SIPAS answers in the period: their overall rating is in the comparison above.`,
  colFigure: "Unit, element",
  measuresTable: "Complaint handling",
  colMeasure: "Measure",
  colValue: "Value",
};

const REPORT_STRINGS: Record<Lang, ReportStrings> = { vi, en };

/** The report's texts in one language. */
export function reportStrings(lang: Lang): ReportStrings {
  return REPORT_STRINGS[lang];
}
