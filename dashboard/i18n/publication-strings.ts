/** The texts of "Công khai kết quả" (a unit's results published to citizens), in Vietnamese and English. */
import type { Lang } from "./strings.ts";

const vi = {
  publicationTitle: "Công khai kết quả",
  publishedSince: (when: string) => `Đang công khai từ ${when}.`,
  notPublished: "Chưa công khai: trang công khai của đơn vị chưa mở cho người dân.",
  publicationExplained:
    "Khi công khai, ai cũng xem được, không cần đăng nhập: tỷ lệ hài lòng theo tháng với khoảng tin cậy và số phiếu, so sánh các đơn vị trực thuộc và kết quả xử lý phản ánh; không bao giờ có công chức hay nội dung phản ánh. Trang được lưu đệm: sau khi thôi công khai, bản cũ có thể còn hiển thị đến một giờ.",
  publish: "Công khai",
  unpublish: "Thôi công khai",
  publicLink: "Trang công khai (mở trong thẻ mới):",
};

export type PublicationStrings = typeof vi;

const en: PublicationStrings = {
  publicationTitle: "Published results",
  publishedSince: (when) => `Published since ${when}.`,
  notPublished: "Not published: the unit's public page is not open to citizens.",
  publicationExplained:
    "Once published, anyone can read, without logging in: the % satisfied by month with its interval and number of answers, the comparison of the units below and how complaints were handled; never an official, never a complaint's text. The page is cached: after a withdrawal the old copy may still be shown for up to an hour.",
  publish: "Publish",
  unpublish: "Withdraw",
  publicLink: "Public page (opens in a new tab):",
};

const PUBLICATION_STRINGS: Record<Lang, PublicationStrings> = { vi, en };

/** The texts in one language. */
export function publicationStrings(lang: Lang): PublicationStrings {
  return PUBLICATION_STRINGS[lang];
}
