import type { AuditAction } from "./audit.ts";
import type { Localized } from "./text.ts";

/** What each recorded change is called, for the audit page and its CSV. Without zod, for the dashboard too. */
export const AUDIT_ACTION_NAMES: Record<AuditAction, Localized> = {
  "account.create": { vi: "Tạo tài khoản", en: "Account created" },
  "account.update": { vi: "Sửa tài khoản", en: "Account changed" },
  "account.disable": { vi: "Khóa tài khoản", en: "Account disabled" },
  "account.enable": { vi: "Mở khóa tài khoản", en: "Account enabled" },
  "account.invite": { vi: "Cấp liên kết đặt mật khẩu", en: "Password link issued" },
  "unit.create": { vi: "Thêm đơn vị", en: "Unit added" },
  "unit.rename": { vi: "Đổi tên đơn vị", en: "Unit renamed" },
  "unit.close": { vi: "Đóng đơn vị", en: "Unit closed" },
  "unit.merge": { vi: "Sáp nhập đơn vị", en: "Units merged" },
  "unit.publish": { vi: "Công khai, thôi công khai kết quả", en: "Results published or withdrawn" },
  "survey.publish": { vi: "Công bố khảo sát", en: "Survey published" },
  "survey.choose": { vi: "Chọn khảo sát", en: "Survey chosen" },
  "origin.add": { vi: "Cho phép trang nhúng", en: "Embedding site allowed" },
  "origin.remove": { vi: "Bỏ trang nhúng", en: "Embedding site removed" },
  "device.create": { vi: "Tạo máy kiosk", en: "Kiosk created" },
  "device.revoke": { vi: "Thu hồi máy kiosk", en: "Kiosk revoked" },
  "incident.decide": { vi: "Quyết định về bất thường", en: "Anomaly decided" },
  "feedback.status": { vi: "Đổi trạng thái, người xử lý phản ánh", en: "Complaint status or assignee changed" },
  "feedback.erase": { vi: "Xóa nội dung phản ánh", en: "Complaint text erased" },
  "complaints.deadline": { vi: "Đổi thời hạn xử lý phản ánh", en: "Complaint deadline changed" },
};
