/**
 * The texts of the complaints queue and its cards, in Vietnamese and English, with every
 * shared one from strings.ts (statuses, note, save).
 */
import { count, percent } from "./format.ts";
import { strings, type Lang, type Strings } from "./strings.ts";

/** Hours as whole days and hours: "2 ngày 5 giờ". */
const daysHours = (hours: number, day: string, hour: string) => {
  const days = Math.floor(hours / 24);
  return days > 0 ? `${days} ${day} ${hours % 24} ${hour}` : `${hours} ${hour}`;
};

const vi = {
  queueTabs: "Loại",
  tabs: { complaints: "Phản ánh", feedback: "Góp ý", mine: "Việc của tôi" },
  queueStatuses: { open: "Đang mở", overdue: "Quá hạn", new: "Mới", in_progress: "Đang xử lý", resolved: "Đã xử lý", all: "Tất cả" } as Record<string, string>,
  countsLabel: "Số lượng theo trạng thái (bấm để lọc)",
  measuresTitle: "Kết quả xử lý phản ánh trong kỳ",
  medianTime: "Thời gian xử lý (trung vị)",
  medianValue: (hours: number | null, n: number) => `${hours === null ? "chưa có" : daysHours(hours, "ngày", "giờ")} (n = ${count(n, "vi")} đã xử lý)`,
  onTime: "Xử lý đúng hạn",
  onTimeValue: (share: number | null, done: number, n: number) => `${share === null ? "chưa có" : percent(share, "vi")} (${count(done, "vi")}/${count(n, "vi")})`,
  stillOpen: "Còn mở",
  pastDue: "Quá hạn",
  ofReceived: (k: number, n: number) => `${count(k, "vi")} / ${count(n, "vi")} phản ánh nhận trong kỳ`,
  filtersLabel: "Lọc danh sách",
  officialFilter: "Công chức được nêu",
  anyOfficial: "Tất cả",
  levelFilter: "Đánh giá chung",
  anyLevel: "Mọi mức",
  searchText: "Tìm trong nội dung, ghi chú",
  searchHint: "Không cần gõ dấu, ví dụ: cho lau",
  find: "Tìm",
  sortLabel: "Thứ tự",
  sorts: { oldest: "Cũ nhất trước", newest: "Mới nhất trước" },
  total: (n: number, kind: string) => `${count(n, "vi")} ${kind === "feedback" ? "góp ý" : kind === "complaint" ? "phản ánh" : "phản ánh, góp ý"}`,
  noItems: "Không có mục nào khớp bộ lọc.",
  exportFiltered: "Xuất danh sách đang lọc",
  dueDay: "Hạn xử lý",
  overdueMark: "Quá hạn",
  assignee: "Người xử lý",
  unassigned: "Chưa giao",
  assignTo: "Giao cho",
  select: "Chọn",
  noteNeeded: "Đóng hoặc mở lại phản ánh phải ghi rõ đã làm gì.",
  bulkTitle: (n: number) => `Chuyển ${count(n, "vi")} mục đã chọn`,
  bulkStatus: "Chuyển sang",
  bulkApply: "Chuyển các mục đã chọn",
  clearSelection: "Bỏ chọn",
  bulkDone: (n: number) => `Đã chuyển ${count(n, "vi")} mục.`,
};

const en: typeof vi = {
  queueTabs: "Kind",
  tabs: { complaints: "Complaints", feedback: "Feedback", mine: "My items" },
  queueStatuses: { open: "Open", overdue: "Overdue", new: "New", in_progress: "In progress", resolved: "Resolved", all: "All" },
  countsLabel: "Counts by status (press to filter)",
  measuresTitle: "How complaints were handled in the period",
  medianTime: "Time to resolution (median)",
  medianValue: (hours, n) => `${hours === null ? "none yet" : daysHours(hours, "d", "h")} (n = ${count(n, "en")} resolved)`,
  onTime: "Resolved on time",
  onTimeValue: (share, done, n) => `${share === null ? "none yet" : percent(share, "en")} (${count(done, "en")}/${count(n, "en")})`,
  stillOpen: "Still open",
  pastDue: "Overdue",
  ofReceived: (k, n) => `${count(k, "en")} of ${count(n, "en")} complaints received in the period`,
  filtersLabel: "Filter the list",
  officialFilter: "Official named",
  anyOfficial: "All",
  levelFilter: "Overall rating",
  anyLevel: "Any",
  searchText: "Search the texts and notes",
  searchHint: "Diacritics optional, e.g. cho lau",
  find: "Search",
  sortLabel: "Order",
  sorts: { oldest: "Oldest first", newest: "Newest first" },
  total: (n, kind) => `${count(n, "en")} ${kind === "feedback" ? "comments" : kind === "complaint" ? "complaints" : "complaints and comments"}`,
  noItems: "Nothing matches the filter.",
  exportFiltered: "Export the filtered list",
  dueDay: "Due",
  overdueMark: "Overdue",
  assignee: "Assignee",
  unassigned: "Nobody yet",
  assignTo: "Assign to",
  select: "Select",
  noteNeeded: "Closing or reopening an item needs a note saying what was done.",
  bulkTitle: (n) => `Move ${count(n, "en")} selected items`,
  bulkStatus: "Move to",
  bulkApply: "Move the selected items",
  clearSelection: "Clear selection",
  bulkDone: (n) => `Moved ${count(n, "en")} items.`,
};

type ComplaintStrings = Strings & typeof vi;

const COMPLAINT_STRINGS: Record<Lang, ComplaintStrings> = { vi: { ...strings("vi"), ...vi }, en: { ...strings("en"), ...en } };

/** The complaints queue's texts in one language, with every shared one. */
export function complaintStrings(lang: Lang): ComplaintStrings {
  return COMPLAINT_STRINGS[lang];
}
