import type { FeedbackStatus } from "../../worker/domain/feedback.ts";
import type { Lang } from "../../worker/domain/text.ts";

/** The hosted page's own texts (the survey's are the widget's), in both languages: the page switches between them. */
export const PAGE_STRINGS: Record<Lang, PageStrings> = {
  vi: {
    title: "Đánh giá sự hài lòng",
    otherLanguage: "English",
    lookupTitle: "Tra cứu phản ánh",
    receiptLabel: "Mã tra cứu phản ánh",
    receiptHint: "Mã gồm 10 chữ và số, hiện trên màn hình cảm ơn sau khi Ông/Bà gửi lý do hoặc góp ý, ví dụ K7QM4-XPZ2D.",
    lookUp: "Tra cứu",
    lookingUp: "Đang tra cứu…",
    malformed: "Mã tra cứu gồm 10 chữ và số (không có chữ O, I và số 0, 1), ví dụ K7QM4-XPZ2D. Vui lòng kiểm tra lại.",
    offline: "Chưa kết nối được. Vui lòng kiểm tra mạng rồi thử lại.",
    code: "Mã tra cứu",
    status: "Trạng thái",
    statuses: { new: "Mới", in_progress: "Đang xử lý", resolved: "Đã xử lý" },
    receivedAt: "Tiếp nhận",
    updatedAt: "Cập nhật",
    vnTime: "Thời gian theo giờ Việt Nam.",
    reply: "Trả lời của đơn vị",
  },
  en: {
    title: "Rate our service",
    otherLanguage: "Tiếng Việt",
    lookupTitle: "Follow up your feedback",
    receiptLabel: "Feedback receipt code",
    receiptHint: "10 letters and digits, shown on the thank-you screen after you sent a reason or a comment, e.g. K7QM4-XPZ2D.",
    lookUp: "Look up",
    lookingUp: "Looking up…",
    malformed: "A receipt code has 10 letters and digits (no O, I, 0 or 1), e.g. K7QM4-XPZ2D. Please check it.",
    offline: "No connection. Please check the network and try again.",
    code: "Receipt",
    status: "Status",
    statuses: { new: "New", in_progress: "Being handled", resolved: "Resolved" },
    receivedAt: "Received",
    updatedAt: "Updated",
    vnTime: "Times are Viet Nam time.",
    reply: "The unit's reply",
  },
};

export interface PageStrings {
  /** The page's title, before the unit's name. */
  title: string;
  /** The language switch: the other language's name, in that language. */
  otherLanguage: string;
  lookupTitle: string;
  receiptLabel: string;
  receiptHint: string;
  lookUp: string;
  lookingUp: string;
  malformed: string;
  offline: string;
  /** The receipt code's label in a lookup's answer, where the form's longer label would not fit beside it. */
  code: string;
  status: string;
  statuses: Record<FeedbackStatus, string>;
  receivedAt: string;
  updatedAt: string;
  /** Said once under a lookup's times. */
  vnTime: string;
  reply: string;
}
