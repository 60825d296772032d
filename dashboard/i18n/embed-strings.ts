/**
 * The texts of the embed page's snippet builder and preview, in Vietnamese and English: a
 * chunk of their own, loaded with the page, so the dashboard's first load does not carry them.
 */
import type { Lang } from "./strings.ts";

const vi = {
  embedChoices: "Tùy chọn",
  embedUnit: "Đơn vị được đánh giá",
  embedSurvey: "Khảo sát",
  embedUnitChoice: (title: string) => `Theo lựa chọn của đơn vị, hiện là ${title}`,
  embedLang: "Ngôn ngữ",
  embedLangs: { vi: "Tiếng Việt", en: "Tiếng Anh" } as Record<Lang, string>,
  embedMode: "Cách hiển thị",
  embedOwnAccent: "Dùng màu nhấn riêng (mặc định: màu đỏ của Hài Lòng)",
  embedAccent: "Màu nhấn",
  embedPickAccent: "Chọn màu",
  embedSnippet: "Mã nhúng",
  embedStyleNote:
    "Màu được đặt bằng một quy tắc CSS; chữ trên nút tự chọn đen hoặc trắng cho dễ đọc. Trang có chính sách bảo mật nội dung (CSP) chặn CSS nội tuyến thì chép quy tắc trong thẻ <style> vào tệp CSS của trang.",
  embedPreview: "Xem trước",
  embedPreviewNote: "Tiện ích thật, đúng như người dân sẽ thấy với các tùy chọn trên. Câu trả lời thử ở đây được kiểm tra nhưng không được lưu.",
  embedPreviewEditors: "Bản xem trước dành cho tài khoản được quản lý đơn vị này.",
  embedLoopback:
    "Trang chạy trên chính máy tính (localhost, 127.0.0.1, [::1]) luôn được phép nhúng khi máy chủ Hài Lòng cũng chạy trên máy đó (thử nghiệm cục bộ), với bất kỳ cổng nào. Ngoài ra, chỉ các trang của chính máy chủ Hài Lòng và các địa chỉ dưới đây được phép.",
};

export type EmbedStrings = typeof vi;

const en: EmbedStrings = {
  embedChoices: "Choices",
  embedUnit: "Unit rated",
  embedSurvey: "Survey",
  embedUnitChoice: (title) => `The unit's choice, now ${title}`,
  embedLang: "Language",
  embedLangs: { vi: "Vietnamese", en: "English" },
  embedMode: "Display",
  embedOwnAccent: "Use an own accent colour (default: Hài Lòng's red)",
  embedAccent: "Accent colour",
  embedPickAccent: "Pick the colour",
  embedSnippet: "Embed code",
  embedStyleNote:
    "The colour is set by a CSS rule; the text on buttons is black or white, whichever reads better. On a page whose Content-Security-Policy blocks inline CSS, copy the rule inside <style> into the page's CSS file.",
  embedPreview: "Preview",
  embedPreviewNote: "The real widget, exactly as citizens will see it with these choices. Answers tried here are checked but not stored.",
  embedPreviewEditors: "The preview is for accounts that manage this unit.",
  embedLoopback:
    "Pages on the computer itself (localhost, 127.0.0.1, [::1]) may always embed the survey, on any port, while the Hài Lòng server runs on that same computer (local testing). Otherwise only the Hài Lòng server's own pages and the origins below are allowed.",
};

/** The embed page's texts in one language. */
export function embedStrings(lang: Lang): EmbedStrings {
  return lang === "vi" ? vi : en;
}
