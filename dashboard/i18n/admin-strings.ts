/**
 * The texts of the administration pages (accounts, the invitation, the audit log), in
 * Vietnamese and English. Kept apart from strings.ts so that they load with those pages, not
 * with the overview (dashboard/components/hl-app.ts); the shared ones (roles, email, save,
 * copy) come from strings.ts.
 */
import { strings, type Lang, type Strings } from "./strings.ts";

const vi = {
  accountsTitle: "Tài khoản",
  accountsIntro: (unit: string) => `Tài khoản của ${unit} và các đơn vị trực thuộc. Khóa một tài khoản thì phiên đăng nhập của tài khoản đó kết thúc ngay.`,
  noAccounts: "Chưa có tài khoản nào.",
  accountName: "Họ và tên",
  role: "Vai trò",
  lastLogin: "Đăng nhập gần nhất",
  neverLoggedIn: "Chưa đăng nhập",
  actions: "Thao tác",
  accountActive: "Đang hoạt động",
  accountDisabled: "Đã khóa",
  invitationPending: (until: string) => `Chờ đặt mật khẩu (liên kết đến ${until})`,
  invitationExpired: "Liên kết đã hết hạn: cấp liên kết mới",
  disableAccount: "Khóa",
  enableAccount: "Mở khóa",
  newLink: "Cấp liên kết mới",
  newAccountTitle: (unit: string) => `Tạo tài khoản cho ${unit}`,
  newAccountIntro:
    "Tài khoản mới nhận một liên kết dùng một lần, có hạn 72 giờ, để người được mời tự đặt mật khẩu. Hệ thống không gửi thư: hãy sao chép liên kết và gửi cho họ. Chỉ cấp được vai trò không cao hơn vai trò của bạn.",
  createAccount: "Tạo tài khoản",
  invitationLink: (email: string) => `Liên kết đặt mật khẩu cho ${email} (chỉ hiện một lần, có hạn 72 giờ):`,

  invitationTitle: "Đặt mật khẩu",
  invitationIntro: (min: number) => `Chọn mật khẩu cho tài khoản của bạn, ít nhất ${min} ký tự. Liên kết này chỉ dùng được một lần.`,
  newPassword: "Mật khẩu mới",
  confirmPassword: "Nhập lại mật khẩu",
  setPassword: "Đặt mật khẩu và đăng nhập",
  passwordsDiffer: "Hai mật khẩu không giống nhau.",
  passwordSetSignIn: "Mật khẩu đã được đặt. Đăng nhập tại đây.",

  auditTitle: "Nhật ký thay đổi",
  auditIntro: (unit: string, from: string, to: string) =>
    `Mọi thay đổi về tài khoản, đơn vị, khảo sát, trang nhúng, máy kiosk và các quyết định về bất thường, phản ánh của ${unit}, từ ${from} đến ${to}: ai thay đổi, thay đổi gì, trước và sau.`,
  auditCsv: "Tải nhật ký (CSV)",
  noAudit: "Không có thay đổi nào trong kỳ này.",
  auditWhen: "Thời điểm",
  auditWho: "Người thực hiện",
  auditWhat: "Thao tác",
  auditTarget: "Đối tượng",
  auditBefore: "Trước",
  auditAfter: "Sau",
  commandLine: "Dòng lệnh",
};

const en: typeof vi = {
  accountsTitle: "Accounts",
  accountsIntro: (unit) => `The accounts of ${unit} and the units below it. Disabling an account ends its sessions at once.`,
  noAccounts: "No accounts yet.",
  accountName: "Full name",
  role: "Role",
  lastLogin: "Last login",
  neverLoggedIn: "Never",
  actions: "Actions",
  accountActive: "Active",
  accountDisabled: "Disabled",
  invitationPending: (until) => `Awaiting a password (link valid until ${until})`,
  invitationExpired: "Link expired: issue a new one",
  disableAccount: "Disable",
  enableAccount: "Enable",
  newLink: "New link",
  newAccountTitle: (unit) => `New account for ${unit}`,
  newAccountIntro:
    "A new account gets a one-time link, valid for 72 hours, where the invited person sets their own password. No mail is sent: copy the link and send it to them. You can give roles up to your own.",
  createAccount: "Create account",
  invitationLink: (email) => `Password link for ${email} (shown once, valid for 72 hours):`,

  invitationTitle: "Set your password",
  invitationIntro: (min) => `Choose a password for your account, at least ${min} characters. This link works only once.`,
  newPassword: "New password",
  confirmPassword: "Repeat the password",
  setPassword: "Set password and sign in",
  passwordsDiffer: "The two passwords differ.",
  passwordSetSignIn: "Your password is set. Sign in here.",

  auditTitle: "Audit log",
  auditIntro: (unit, from, to) =>
    `Every change to accounts, units, surveys, embedding sites and kiosks, and every decision on anomalies and complaints, in ${unit}, from ${from} to ${to}: who changed what, before and after.`,
  auditCsv: "Download the log (CSV)",
  noAudit: "No changes in this period.",
  auditWhen: "When",
  auditWho: "By",
  auditWhat: "Change",
  auditTarget: "What",
  auditBefore: "Before",
  auditAfter: "After",
  commandLine: "Command line",
};

type AdminStrings = Strings & typeof vi;

const ADMIN_STRINGS: Record<Lang, AdminStrings> = { vi: { ...strings("vi"), ...vi }, en: { ...strings("en"), ...en } };

/** The administration pages' texts in one language, with every shared one. */
export function adminStrings(lang: Lang): AdminStrings {
  return ADMIN_STRINGS[lang];
}
