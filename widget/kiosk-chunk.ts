/**
 * A desk kiosk's identity, for widgets in kiosk mode only (the chunk /widget-kiosk.js): the
 * token of the enrolled tablet, kept in the page's storage and sent with every answer, and
 * its enrolment, once, when a manager's link opens the kiosk page with #hailong-enrol=<code>.
 * The texts of a kiosk's thanks screen come with it too: only kiosks show them.
 */
import { ENROL_FRAGMENT } from "../worker/domain/enrolment.ts";
import type { Lang } from "../worker/domain/text.ts";
import { problemOf } from "./api.ts";

const KEY = "hailong-device";

/** What a kiosk's thanks screen says: that it starts over by itself after so many seconds, and the button to start at once. */
export const SCREEN: Record<Lang, { reset: (seconds: number) => string; again: string }> = {
  vi: { reset: (s) => `Màn hình sẽ trở về đầu sau ${s} giây.`, again: "Lượt đánh giá mới" },
  en: { reset: (s) => `This screen starts over in ${s} seconds.`, again: "New rating" },
};

const TEXT = {
  vi: {
    enrolled: (name: string) => `Đã đăng ký thiết bị “${name}”. Các đánh giá từ máy này được ghi nhận theo thiết bị.`,
    failed: "Chưa đăng ký được thiết bị: ",
    offline: "chưa có mạng. Hãy mở lại liên kết đăng ký khi có mạng.",
    unkept: " Trình duyệt không cho lưu: cần mở lại liên kết mỗi lần khởi động.",
  },
  en: {
    enrolled: (name: string) => `This device is enrolled as “${name}”. Its ratings are recorded by device.`,
    failed: "The device could not be enrolled: ",
    offline: "no network. Open the enrolment link again once online.",
    unkept: " The browser keeps no storage here: open the link again after each restart.",
  },
};

/** Held for the visit when the page's storage refuses it. */
let held: string | null = null;

function stored(): string | undefined {
  try {
    return localStorage.getItem(KEY) ?? held ?? undefined;
  } catch {
    return held ?? undefined;
  }
}

/** Keeps the token; false when only this visit can hold it. */
function keep(token: string): boolean {
  held = token;
  try {
    localStorage.setItem(KEY, token);
    return true;
  } catch {
    return false;
  }
}

/** Takes the spent (or refused) code out of the address, so it is neither reused nor shared. */
function forgetCode() {
  history.replaceState(history.state, "", location.pathname + location.search);
}

/**
 * The kiosk's token, enrolling first when the page was opened with an enrolment link, and
 * what to tell the person setting the tablet up. A code that could not reach the API (offline)
 * stays in the address for another try.
 */
export async function kiosk(api: string, lang: Lang): Promise<{ token?: string; notice?: string }> {
  const t = TEXT[lang];
  const code = new URLSearchParams(location.hash.slice(1)).get(ENROL_FRAGMENT);
  if (!code) return { token: stored() };
  let res: Response;
  try {
    res = await fetch(`${api}/api/v1/devices/enrol`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code }) });
  } catch {
    return { token: stored(), notice: t.failed + t.offline };
  }
  forgetCode();
  if (!res.ok) {
    const problem = await problemOf(res);
    return { token: stored(), notice: t.failed + (lang === "vi" ? problem.messageVi : problem.message) };
  }
  const { token, device } = (await res.json()) as { token: string; device: { name: string } };
  return { token, notice: t.enrolled(device.name) + (keep(token) ? "" : t.unkept) };
}
