import type { SurveyDefinition } from "./survey.ts";

const overall = {
  vi: "Ông/Bà có hài lòng với việc giải quyết thủ tục hành chính hôm nay không?",
  en: "Are you satisfied with how your administrative procedure was handled today?",
};
const reasonPrompt = { vi: "Lý do không hài lòng", en: "Why were you not satisfied?" };

/** "Đánh giá nhanh": the 3-level question of the one-stop desk devices, nothing more. */
export const QUICK: SurveyDefinition = {
  title: { vi: "Đánh giá nhanh", en: "Quick rating" },
  overall,
  reasonPrompt,
  elements: [],
  statements: [],
  askCaseCode: false,
  askOfficial: false,
  askComment: true,
};

/**
 * "SIPAS": the overall question plus statements on the Ministry of Home Affairs' five
 * elements of the satisfaction index, on its 5-level scale. Its title is what citizens read,
 * so it names no index (databases migrated before that have it as version 2: 0010_sipas_title.sql).
 */
export const SIPAS: SurveyDefinition = {
  title: { vi: "Đánh giá mức độ hài lòng", en: "Satisfaction survey" },
  overall,
  reasonPrompt,
  elements: [
    { id: 1, name: { vi: "Tiếp cận dịch vụ", en: "Access to the service" } },
    { id: 2, name: { vi: "Thủ tục hành chính", en: "Administrative procedures" } },
    { id: 3, name: { vi: "Công chức giải quyết công việc", en: "Officials handling the case" } },
    { id: 4, name: { vi: "Kết quả giải quyết", en: "Results" } },
    { id: 5, name: { vi: "Tiếp nhận và xử lý góp ý, phản ánh", en: "Handling of feedback and complaints" } },
  ],
  statements: [
    { id: "e1_seating", element: 1, text: { vi: "Nơi ngồi chờ có đủ chỗ ngồi", en: "The waiting area has enough seats" } },
    { id: "e1_facilities", element: 1, text: { vi: "Trang thiết bị phục vụ người dân đầy đủ, dễ sử dụng", en: "Equipment for citizens is adequate and easy to use" } },
    { id: "e2_posted", element: 2, text: { vi: "Thủ tục hành chính được niêm yết công khai đầy đủ, chính xác", en: "Procedures are posted publicly, completely and accurately" } },
    { id: "e2_documents", element: 2, text: { vi: "Thành phần hồ sơ phải nộp là đúng quy định", en: "The documents required are as the rules say" } },
    { id: "e2_fees", element: 2, text: { vi: "Phí, lệ phí phải nộp là đúng quy định", en: "The fees charged are as the rules say" } },
    { id: "e3_polite", element: 3, text: { vi: "Công chức có thái độ giao tiếp lịch sự", en: "Officials communicate politely" } },
    { id: "e3_guidance", element: 3, text: { vi: "Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo, dễ hiểu", en: "Officials explain how to fill in the forms with care, clearly" } },
    { id: "e3_compliance", element: 3, text: { vi: "Công chức tuân thủ đúng quy định trong giải quyết công việc", en: "Officials follow the rules in handling the case" } },
    { id: "e4_on_time", element: 4, text: { vi: "Hồ sơ được giải quyết đúng hạn", en: "The case was settled on time" } },
    { id: "e4_accurate", element: 4, text: { vi: "Kết quả nhận được có thông tin đầy đủ, chính xác", en: "The result received is complete and accurate" } },
    { id: "e5_channels", element: 5, text: { vi: "Có hình thức tiếp nhận góp ý, phản ánh, kiến nghị phù hợp", en: "There are suitable ways to give feedback or complain" } },
    { id: "e5_handled", element: 5, text: { vi: "Góp ý, phản ánh, kiến nghị được tiếp nhận, xử lý kịp thời", en: "Feedback and complaints are received and handled promptly" } },
  ],
  askCaseCode: true,
  askOfficial: true,
  askComment: true,
};

/** The built-in templates, by survey id; "quick" is the national default. */
export const TEMPLATES = { quick: QUICK, sipas: SIPAS } as const;
export const DEFAULT_SURVEY = "quick";
