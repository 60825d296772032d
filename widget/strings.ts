import type { Lang } from "../worker/domain/text.ts";

const vi = {
  open: "Đánh giá sự hài lòng",
  close: "Đóng",
  step: (n: number, of: number) => `Bước ${n}/${of}`,
  next: "Tiếp tục",
  back: "Quay lại",
  send: "Gửi đánh giá",
  sending: "Đang gửi…",
  optional: "(không bắt buộc)",
  statementsHint: "Có thể bỏ qua nội dung không rõ.",
  chooseOverall: "Vui lòng chọn một mức đánh giá.",
  comment: "Góp ý thêm",
  caseCode: "Mã hồ sơ",
  official: "Công chức đã tiếp nhận, giải quyết hồ sơ",
  noOfficial: "Không chọn",
  privacy: "Không cần ghi họ tên. Ý kiến chỉ dùng để phục vụ người dân tốt hơn.",
  thanks: "Cảm ơn Ông/Bà đã đánh giá!",
  queued: "Chưa có mạng: đánh giá đã lưu trên máy và sẽ tự gửi khi có mạng.",
  kioskReset: "Màn hình sẽ trở về đầu sau 10 giây.",
  again: "Lượt đánh giá mới",
  loading: "Đang tải…",
  loadFailed: "Chưa tải được phiếu đánh giá. Vui lòng kiểm tra mạng.",
  unavailable: "Xin lỗi, phiếu đánh giá chưa hiển thị được trên trang này.",
  retry: "Thử lại",
  refused: "Đánh giá chưa được gửi: ",
  earlierRefused: "Một đánh giá lưu trước đó không gửi được: ",
};

export type Strings = typeof vi;

/**
 * Every text the widget shows besides the survey's own wording (which comes from the API
 * in both languages) and the scale labels (worker/domain/scales.ts). Vietnamese first.
 */
export const STRINGS: Record<Lang, Strings> = {
  vi,
  en: {
    open: "Rate our service",
    close: "Close",
    step: (n: number, of: number) => `Step ${n} of ${of}`,
    next: "Next",
    back: "Back",
    send: "Send",
    sending: "Sending…",
    optional: "(optional)",
    statementsHint: "You may skip any statement.",
    chooseOverall: "Please choose one of the answers.",
    comment: "Other comments",
    caseCode: "Case code",
    official: "Official who handled your case",
    noOfficial: "Not chosen",
    privacy: "No name needed. Your view is used only to serve you better.",
    thanks: "Thank you for your rating!",
    queued: "Offline: your rating is saved here and will be sent when back online.",
    kioskReset: "This screen starts over in 10 seconds.",
    again: "New rating",
    loading: "Loading…",
    loadFailed: "The survey could not be loaded. Please check the connection.",
    unavailable: "Sorry, the survey cannot be shown on this page.",
    retry: "Try again",
    refused: "Your rating was not sent: ",
    earlierRefused: "A rating saved earlier could not be sent: ",
  },
};
