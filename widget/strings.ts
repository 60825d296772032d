/**
 * Every text the widget shows besides the survey's own wording (which comes from the API
 * in both languages) and the scale labels (worker/domain/scales.ts). Vietnamese here; the
 * English in strings-en.ts is a chunk, fetched only by widgets with lang="en".
 */
export const vi = {
  open: "Đánh giá sự hài lòng",
  close: "Đóng",
  first: "Chỉ cần chọn một mức rồi bấm Gửi đánh giá.",
  more: (n: number) => `Trả lời thêm ${n} câu (không bắt buộc)`,
  step: (n: number, of: number) => `Phần thêm ${n}/${of}, không bắt buộc: có thể gửi ngay`,
  next: "Tiếp tục",
  back: "Quay lại",
  send: "Gửi đánh giá",
  sending: "Đang gửi…",
  optional: "(không bắt buộc)",
  statementsHint: "Có thể bỏ qua nội dung không rõ.",
  chooseOverall: "Vui lòng chọn một mức đánh giá.",
  comment: "Góp ý thêm",
  caseCode: "Mã hồ sơ",
  caseHint: "In trên giấy biên nhận hồ sơ.",
  official: "Công chức đã tiếp nhận, giải quyết hồ sơ",
  noOfficial: "Không chọn",
  privacy: "Không cần ghi họ tên. Ý kiến chỉ dùng để phục vụ người dân tốt hơn.",
  thanks: "Cảm ơn Ông/Bà đã đánh giá!",
  queued: "Chưa có mạng: đánh giá đã lưu trên máy và sẽ tự gửi khi có mạng.",
  receipt: "Mã tra cứu phản ánh:",
  follow: "Theo dõi việc trả lời tại",
  loading: "Đang tải…",
  loadFailed: "Chưa tải được phiếu đánh giá. Vui lòng kiểm tra mạng.",
  unavailable: "Xin lỗi, phiếu đánh giá chưa hiển thị được trên trang này.",
  closed: "Đơn vị này đã ngừng nhận đánh giá.",
  editor: "Dành cho quản trị trang web: ",
  retry: "Thử lại",
  refused: "Đánh giá chưa được gửi: ",
  earlierRefused: "Một đánh giá lưu trước đó không gửi được: ",
};

export type Strings = typeof vi;
