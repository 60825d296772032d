/**
 * The texts of the poster page, in Vietnamese and English: a chunk of their own, loaded with
 * the page. What the poster itself says is for citizens, so it is printed in both languages
 * whatever the dashboard's language.
 */
import type { Lang } from "./strings.ts";

/** The sizes a poster is printed at. */
export const POSTER_FORMATS = ["a4", "a5", "card"] as const;
export type PosterFormat = (typeof POSTER_FORMATS)[number];

/** What every poster says, Vietnamese first. */
export const POSTER_TEXT = {
  vi: { ask: "Quét mã để đánh giá mức độ hài lòng — chỉ mất 30 giây", cannotScan: "Không quét được? Mở địa chỉ:" },
  en: { ask: "Scan the code to rate our service — it takes only 30 seconds", cannotScan: "Cannot scan? Open:" },
};

const vi = {
  posterTitle: "Áp phích mã QR",
  posterIntro: (unit: string) =>
    `In mã QR của ${unit} để đặt tại quầy: người dân quét bằng điện thoại và đánh giá ngay, không cần cài đặt hay đăng nhập. Ai không quét được có thể gõ địa chỉ in dưới mã.`,
  posterChooseUnit: "Chọn một xã, phường, bộ phận một cửa hoặc cán bộ ở mục Phạm vi để in áp phích.",
  posterFor: "Áp phích cho",
  posterFormat: "Khổ in",
  formats: { a4: "A4 (210 × 297 mm)", a5: "A5 (148 × 210 mm)", card: "Thẻ đặt quầy (85 × 55 mm)" } satisfies Record<PosterFormat, string>,
  printPoster: "In / Lưu PDF",
  downloadSvg: "Tải SVG",
  printNote: "Trình duyệt in đúng khổ đã chọn, chỉ phần áp phích. Để có tệp PDF, chọn “Lưu dưới dạng PDF” trong hộp thoại in. Tệp SVG là mã QR riêng, phóng to thu nhỏ không vỡ hình, để đưa vào mẫu in của đơn vị.",
  preview: "Xem trước",
  qrAlt: (address: string) => `Mã QR mở trang khảo sát ${address}`,
  qrRefused: "Không tạo được mã QR: đơn vị này không nhận đánh giá (đã ngừng hoạt động hoặc không trực tiếp phục vụ người dân).",
  kioskPageNote:
    "Địa chỉ sẵn có là trang khảo sát của bộ phận ở chế độ máy tại quầy; có thể thay bằng trang của đơn vị nhúng khảo sát ở chế độ kiosk (xem mục Nhúng khảo sát). Sau khi đăng ký, mở địa chỉ hiện ra một lần trên máy tính bảng.",
};

const en: typeof vi = {
  posterTitle: "QR code posters",
  posterIntro: (unit) =>
    `Print the QR code of ${unit} for the counter: citizens scan it with their phone and rate at once, with nothing to install and no login. Those who cannot scan type the address printed under the code.`,
  posterChooseUnit: "Choose a commune, ward, one-stop desk or official under Scope to print its poster.",
  posterFor: "Poster for",
  posterFormat: "Size",
  formats: { a4: "A4 (210 × 297 mm)", a5: "A5 (148 × 210 mm)", card: "Counter card (85 × 55 mm)" },
  printPoster: "Print / Save as PDF",
  downloadSvg: "Download SVG",
  printNote: "The browser prints the poster alone, at the size chosen. For a PDF file, choose “Save as PDF” in the print dialog. The SVG file is the bare QR code, sharp at any size, for the unit's own print templates.",
  preview: "Preview",
  qrAlt: (address) => `QR code opening the survey page ${address}`,
  qrRefused: "No QR code: this unit takes no ratings (it has closed, or serves no citizens itself).",
  kioskPageNote:
    "The address given is the desk's survey page in kiosk mode; a unit's own page embedding the survey in kiosk mode may replace it (see Embed survey). Once enrolled, open the address shown once on the tablet.",
};

/** The poster page's texts in a language. */
export function posterStrings(lang: Lang): typeof vi {
  return lang === "en" ? en : vi;
}
