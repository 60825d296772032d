/**
 * The texts of the survey page and its builder, in Vietnamese and English: a chunk of their
 * own, loaded with the page, so the dashboard's first load does not carry them.
 */
import type { Lang } from "./strings.ts";

const vi = {
  surveyTitle: "Khảo sát của đơn vị",
  surveyIntro: (unit: string) =>
    `Khảo sát mà tiện ích đánh giá hiển thị cho ${unit} và các đơn vị trực thuộc (trừ đơn vị đã chọn khảo sát khác): Đánh giá nhanh, SIPAS hoặc khảo sát riêng của đơn vị.`,
  surveyUses: "Đang dùng",
  surveyVersion: (v: number) => `phiên bản ${v}`,
  surveyNationalDefault: "mặc định toàn quốc",
  surveyOwnChoice: "do đơn vị chọn",
  surveyInheritedFrom: (unit: string) => `kế thừa từ ${unit}`,
  surveyChoose: "Chọn khảo sát",
  surveyInherit: "Kế thừa từ cấp trên",
  surveyApply: "Áp dụng",
  surveyAll: (n: number) => `Các khảo sát đơn vị được dùng (${n}) và các phiên bản`,
  surveyBuilder: "Xây dựng khảo sát riêng",
  surveyBuilderIntro:
    "Chọn tiêu chí từ ngân hàng SIPAS, thêm tiêu chí riêng (bắt buộc tiếng Việt, tiếng Anh không bắt buộc), sắp xếp theo từng bước. Mỗi lần phát hành tạo một phiên bản mới không sửa được; tiêu chí giữ nguyên mã qua các phiên bản nên số liệu được nối tiếp.",
  surveyEditing: "Khảo sát",
  surveyNew: "Khảo sát riêng mới",
  surveyName: "Tên khảo sát",
  inVietnamese: "tiếng Việt",
  inEnglishOptional: "tiếng Anh, không bắt buộc",
  surveyStep: (n: number, name: string) => `Bước ${n}: ${name}`,
  surveyStepName: "Tên bước",
  surveyStatement: "Tiêu chí",
  surveyOwnTag: "Riêng",
  surveyNoStatements: "Chưa có tiêu chí nào ở bước này; bước không có tiêu chí sẽ không hiển thị.",
  surveyFromBank: "Tiêu chí trong ngân hàng SIPAS",
  surveyAddFromBank: "Thêm tiêu chí SIPAS",
  surveyAddOwn: "Thêm tiêu chí riêng",
  surveyAddStep: "Thêm bước riêng",
  surveyRemoveStep: "Bỏ bước",
  surveyRemove: "Bỏ",
  moveUp: "Lên",
  moveDown: "Xuống",
  surveyExtras: "Hỏi thêm",
  surveyAsk: { askCaseCode: "Mã hồ sơ", askOfficial: "Công chức đã phục vụ", askComment: "Góp ý thêm" },
  surveyPreview: "Xem trước",
  surveyPreviewTitle: "Xem trước khảo sát",
  surveyPreviewNote: "Đúng như người dân sẽ thấy. Câu trả lời thử ở đây được kiểm tra nhưng không được lưu.",
  surveyPublish: "Phát hành phiên bản mới",
  surveyPublished: (id: string, v: number) => `Đã phát hành ${id}, phiên bản ${v}. Chọn khảo sát này ở trên để đơn vị sử dụng.`,
};

export type SurveyStrings = typeof vi;

const en: SurveyStrings = {
  surveyTitle: "The unit's survey",
  surveyIntro: (unit) =>
    `The survey the rating widget shows for ${unit} and the units below it (unless one of them chose another): the quick rating, SIPAS, or the unit's own survey.`,
  surveyUses: "In use",
  surveyVersion: (v) => `version ${v}`,
  surveyNationalDefault: "the national default",
  surveyOwnChoice: "chosen by this unit",
  surveyInheritedFrom: (unit) => `inherited from ${unit}`,
  surveyChoose: "Choose the survey",
  surveyInherit: "Inherit from above",
  surveyApply: "Apply",
  surveyAll: (n) => `The surveys this unit may use (${n}) and their versions`,
  surveyBuilder: "Build an own survey",
  surveyBuilderIntro:
    "Pick statements from the SIPAS bank, add your own (Vietnamese required, English optional), and arrange them in steps. Each publication is a new version that never changes; statements keep their ids across versions, so their figures continue.",
  surveyEditing: "Survey",
  surveyNew: "A new own survey",
  surveyName: "Survey title",
  inVietnamese: "Vietnamese",
  inEnglishOptional: "English, optional",
  surveyStep: (n, name) => `Step ${n}: ${name}`,
  surveyStepName: "Step name",
  surveyStatement: "Statement",
  surveyOwnTag: "Own",
  surveyNoStatements: "No statements in this step yet; a step without statements is not shown.",
  surveyFromBank: "Statement from the SIPAS bank",
  surveyAddFromBank: "Add SIPAS statement",
  surveyAddOwn: "Add own statement",
  surveyAddStep: "Add own step",
  surveyRemoveStep: "Remove step",
  surveyRemove: "Remove",
  moveUp: "Up",
  moveDown: "Down",
  surveyExtras: "Also ask",
  surveyAsk: { askCaseCode: "Case code", askOfficial: "Official who served", askComment: "Comment" },
  surveyPreview: "Preview",
  surveyPreviewTitle: "Survey preview",
  surveyPreviewNote: "Exactly as citizens will see it. Answers tried here are checked but not stored.",
  surveyPublish: "Publish a new version",
  surveyPublished: (id, v) => `Published ${id}, version ${v}. Choose it above for the unit to use it.`,
};

/** The survey page's texts in one language. */
export function surveyStrings(lang: Lang): SurveyStrings {
  return lang === "vi" ? vi : en;
}
