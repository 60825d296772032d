/**
 * Every text the widget shows besides the survey's own wording (which comes from the API
 * in both languages) and the scale labels (worker/domain/scales.ts). Vietnamese here; the
 * English in strings-en.ts is a chunk, fetched only by widgets with lang="en".
 */
export const vi = {
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
  loading: "Đang tải…",
  loadFailed: "Chưa tải được phiếu đánh giá. Vui lòng kiểm tra mạng.",
  unavailable: "Xin lỗi, phiếu đánh giá chưa hiển thị được trên trang này.",
  closed: "Đơn vị này đã ngừng nhận đánh giá.",
  retry: "Thử lại",
  refused: "Đánh giá chưa được gửi: ",
  earlierRefused: "Một đánh giá lưu trước đó không gửi được: ",
};

export type Strings = typeof vi;
