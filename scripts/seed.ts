/**
 * Demo data for local development: twelve months of answers for every commune of Ninh Bình
 * ("37") and Quảng Trị ("44"), each with its service desk, some with named officials.
 * Some units improve over the year, some decline, a few have too few answers to show a
 * figure, and one receives a burst of suspicious answers, which the same detection as a
 * submission's flags into an incident. Phường Hoa Lư's kiosk answers come from an enrolled
 * desk tablet. Everything goes through the store (worker/db), as the API writes it: every
 * answer through toResponseRecord() and the insert of a real submission, into its province's
 * shard, so the rollups stay exactly consistent with the answers.
 *
 * Deterministic: the same seed gives the same data.
 */
import { createDevice, enrolDevice } from "../worker/db/devices.ts";
import { listFeedback, recordFollowUps, type FeedbackCursor, type FollowUp } from "../worker/db/feedback.ts";
import { judgePace } from "../worker/db/incidents.ts";
import { storeResponses } from "../worker/db/responses.ts";
import type { Store } from "../worker/db/store.ts";
import { chooseSurvey } from "../worker/db/surveys.ts";
import { addUnits, childrenOf, type NewUnit } from "../worker/db/units.ts";
import { createUser } from "../worker/db/users.ts";
import { ENROL_VALID_MS } from "../worker/domain/devices.ts";
import { randomToken, sha256Hex } from "../worker/domain/digest.ts";
import { newReceipt } from "../worker/domain/receipt.ts";
import { JUDGE_FROM, WINDOW_MS } from "../worker/domain/suspicion.ts";
import { SIPAS } from "../worker/domain/templates.ts";
import { bodyHash, toResponseRecord, type ResponseRecord, type Submission } from "../worker/domain/submission.ts";
import { vnDayStart } from "../worker/domain/vn-time.ts";

const DEMO_PROVINCES = ["37", "44"];

/**
 * Units with their own trajectories, so the dashboard has stories to show: the share satisfied
 * moves from `from` to `to` over the period, and, with `lately`, falls to its own share for the
 * last days, a slide "Cần chú ý" must catch whatever day the demo is seeded on.
 */
const STORIES: Record<string, { from: number; to: number; perDay: number; lately?: { days: number; satisfied: number } }> = {
  "14329": { from: 0.72, to: 0.9, perDay: 9 }, // Phường Hoa Lư: improving, busy, SIPAS
  "13285": { from: 0.88, to: 0.76, perDay: 6, lately: { days: 42, satisfied: 0.6 } }, // Phường Phủ Lý: declining, lately fast
  "18880": { from: 0.8, to: 0.84, perDay: 7 }, // Phường Đồng Hới: steady; the burst lands here
  "18859": { from: 0.6, to: 0.85, perDay: 4 }, // Phường Đồng Thuận: improving
};
const BURST_UNIT = "18880";

const REASONS = [
  "Phải chờ quá lâu mới đến lượt",
  "Cán bộ hướng dẫn không rõ ràng, phải đi lại nhiều lần",
  "Thái độ tiếp dân chưa niềm nở",
  "Hồ sơ trả kết quả trễ hẹn",
  "Yêu cầu nộp thêm giấy tờ không có trong quy định",
  "Phòng chờ nóng, thiếu ghế ngồi",
  "Hệ thống dịch vụ công trực tuyến hay bị lỗi",
  "Hẹn gọi lại số 0912 345 678 nhưng không ai gọi",
];
const COMMENTS = [
  "Cán bộ nhiệt tình, cảm ơn",
  "Nên có thêm chỗ để xe",
  "Thủ tục nhanh gọn hơn trước",
  "Mong có thêm hướng dẫn trên trang web của phường",
  "Rất hài lòng với cách phục vụ",
];
const OFFICIALS = ["Nguyễn Thị Lan", "Trần Văn Minh", "Lê Thu Hà", "Phạm Quốc Hùng"];

/** A small, fast, seeded PRNG (mulberry32): the same numbers every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw (Knuth; the means here are small). */
function poisson(rand: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

const uuid = (rand: () => number) =>
  "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
    const r = Math.floor(rand() * 16);
    return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
  });

interface SeedUnit {
  code: string;
  name: string;
}

export interface SeedOptions {
  /** The last Viet Nam day with answers (today by default). */
  until?: string;
  days?: number;
  /** Scales every unit's daily volume (1 = the full demo). */
  volume?: number;
  /** Whose communes get answers: Ninh Bình and Quảng Trị by default (the bench spreads wider). */
  provinces?: string[];
  seed?: number;
  /** Called after each stored chunk with the number of responses so far. */
  progress?: (stored: number) => void;
}

/** Seeds the demo data; returns how many responses were stored. */
export async function seedDemo(store: Store, options: SeedOptions = {}): Promise<number> {
  const rand = random(options.seed ?? 20250701);
  const days = options.days ?? 365;
  const until = options.until ?? new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const volume = options.volume ?? 1;
  const provinces = options.provinces ?? DEMO_PROVINCES;

  const communes: SeedUnit[] = (await Promise.all(provinces.map((p) => childrenOf(store, p)))).flat();

  // A service desk in every commune; officials at the desks of the story units.
  const units: NewUnit[] = [];
  const officials: Record<string, string[]> = {};
  for (const c of communes) {
    units.push({ code: `${c.code}-tn`, name: "Bộ phận tiếp nhận và trả kết quả", kind: "desk", parent: c.code });
    if (STORIES[c.code]) {
      officials[c.code] = OFFICIALS.map((name, i) => `${c.code}-tn-cb${i + 1}`);
      OFFICIALS.forEach((name, i) => units.push({ code: `${c.code}-tn-cb${i + 1}`, name, kind: "official", parent: `${c.code}-tn` }));
    }
  }
  await addUnits(store, units);
  // Hoa Lư runs the full SIPAS survey; everyone else the national quick rating.
  await chooseSurvey(store, "14329", "sipas");
  const demoUser = await createUser(store, DEMO_ACCOUNT);
  const kiosk = await enrolDemoKiosk(store, demoUser, vnDayStart(until).getTime() - days * 86_400_000);

  const profiles = communes.map((c) => {
    const story = STORIES[c.code];
    const tiny = rand() < 0.06; // a few communes hardly ever get answers
    const base = 0.6 + rand() * 0.3;
    const drift = (rand() - 0.5) * 0.2;
    return {
      ...c,
      sipas: c.code === "14329",
      from: story?.from ?? base,
      to: story?.to ?? Math.min(0.97, Math.max(0.4, base + drift)),
      perDay: (story?.perDay ?? (tiny ? 0.05 : 0.6 + rand() * 2.4)) * volume,
      lately: story?.lately,
    };
  });

  const pending: ResponseRecord[] = [];
  const pace = new PaceWatch();
  let stored = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    await storeResponses(store, pending.splice(0));
    options.progress?.(stored);
  };
  const keep = async (sub: Submission, at: Date, client: string, device: string | null = null) => {
    const record = toResponseRecord(sub, { bodyHash: await bodyHash(sub), receivedAt: at, clientHash: client, caseScope: sub.unit, device });
    pending.push(record);
    stored++;
    // The same judgement as a submission's: once a source reaches JUDGE_FROM answers in a
    // window, each further answer has its source's pace judged, as it arrives.
    if (record.status === "accepted" && pace.add(record) >= JUDGE_FROM) {
      await flush();
      await judgePace(store, { unit: record.unit, source: record.source, at: record.pacedAt, kiosk: device !== null }, at);
    }
    if (pending.length >= 400) await flush();
  };

  const lastStart = vnDayStart(until).getTime();
  for (let d = days - 1; d >= 0; d--) {
    const dayStart = lastStart - d * 86_400_000;
    const progress = 1 - d / Math.max(1, days - 1);
    const weekday = new Date(dayStart + 7 * 3600_000).getUTCDay(); // 0 = Sunday, in Viet Nam
    const dayFactor = weekday === 0 ? 0.05 : weekday === 6 ? 0.4 : 1;
    for (const u of profiles) {
      const satisfied = u.lately && d < u.lately.days ? u.lately.satisfied : u.from + (u.to - u.from) * progress;
      for (let i = poisson(rand, u.perDay * dayFactor); i > 0; i--) {
        // Office hours, 7:30 to 17:00 Viet Nam time.
        const at = new Date(dayStart + (7.5 + rand() * 9.5) * 3600_000);
        const happy = rand() < satisfied;
        const overall = happy ? (rand() < 0.45 ? 3 : 2) : 1;
        const answers: Record<string, number> = { overall };
        const sub: Submission = {
          id: uuid(rand),
          unit: u.code,
          survey: u.sipas ? "sipas" : "quick",
          version: 1,
          answers,
          channel: rand() < 0.3 ? "kiosk" : rand() < 0.15 ? "qr" : "web",
          answeredAt: at.toISOString(),
          lang: rand() < 0.05 ? "en" : "vi",
        };
        if (u.sipas) {
          for (const s of SIPAS.statements) {
            const lean = happy ? 3.6 + rand() * 1.5 : 1 + rand() * 2.6;
            answers[s.id] = Math.max(1, Math.min(5, Math.round(lean + (s.element === 3 ? 0.2 : 0))));
          }
          if (officials[u.code] && rand() < 0.6) sub.official = pick(rand, officials[u.code]!);
        }
        if (overall === 1 && rand() < 0.7) sub.reason = pick(rand, REASONS);
        if (rand() < 0.08) sub.comment = pick(rand, COMMENTS);
        // As the widget does: whoever writes something gets a code to follow it with.
        if (sub.reason || sub.comment) sub.receipt = newReceipt();
        // Hoa Lư's kiosk answers come from its enrolled desk tablet.
        const fromKiosk = u.code === KIOSK_UNIT && sub.channel === "kiosk";
        await keep(sub, at, `demo-${Math.floor(rand() * 5000)}`, fromKiosk ? kiosk : null);
      }
    }
  }

  // The suspicious burst: one client sends 240 top ratings within an hour, 45 days ago, and
  // a bot that fills the honeypot sends 60 more (quarantined, never counted).
  const burstStart = lastStart - 45 * 86_400_000 + 20 * 3600_000;
  for (let i = 0; i < 300; i++) {
    const bot = i >= 240;
    const sub: Submission = { id: uuid(rand), unit: BURST_UNIT, survey: "quick", version: 1, answers: { overall: 3 }, channel: "web", lang: "vi" };
    if (bot) sub.website = "https://spam.example";
    await keep(sub, new Date(burstStart + i * 12_000), "demo-burst");
  }
  await flush();
  for (const province of provinces) await followUpComplaints(store, province, demoUser, rand, until);
  return stored;
}

/** Phường Hoa Lư's enrolled desk tablet, whose steady stream of kiosk answers is not flagged. */
const KIOSK_UNIT = "14329";
const KIOSK_ID = "demo-kiosk-14329";

/** Enrols the demo kiosk the way a tablet does, through the devices module; returns its id. */
async function enrolDemoKiosk(store: Store, createdBy: number, at: number): Promise<string> {
  const code = randomToken(18);
  const device = await createDevice(store, {
    id: KIOSK_ID,
    unit: KIOSK_UNIT,
    name: "Máy tính bảng quầy một cửa",
    enrolHash: await sha256Hex(code),
    enrolExpiresAt: new Date(at + ENROL_VALID_MS),
    createdBy,
    at: new Date(at),
  });
  await enrolDevice(store, await sha256Hex(code), await sha256Hex(randomToken(32)), new Date(at + 3600_000));
  return device.id;
}

/** Counts each source's answers at each unit within the last pacing window, as they are stored in time order. */
class PaceWatch {
  #recent = new Map<string, number[]>();

  /** Adds an answer; returns how many its source sent at its unit within the window, itself included. */
  add({ unit, source, pacedAt }: ResponseRecord): number {
    const key = `${unit} ${source}`;
    const at = Date.parse(pacedAt);
    const times = (this.#recent.get(key) ?? []).filter((t) => t > at - WINDOW_MS);
    times.push(at);
    this.#recent.set(key, times);
    return times.length;
  }
}

/** The demo login, an admin of the whole country. It exists only in local demo data. */
export const DEMO_ACCOUNT = { email: "demo@hailong.local", password: "hailong-demo", name: "Cán bộ CCHC (demo)", role: "admin", unit: "VN" } as const;

const FOLLOW_UPS = [
  ["in_progress", "Đã chuyển bộ phận một cửa xác minh"],
  ["resolved", "Đã liên hệ công dân, giải thích và xin lỗi; nhắc nhở cán bộ liên quan"],
] as const;

/**
 * An inbox that looks lived in: most complaints of a province older than a month have been
 * handled by the demo account, some are still being handled, recent ones are new. Taken up
 * within three days and closed within 3 to 24 days, so some were closed after their due day.
 */
async function followUpComplaints(store: Store, province: string, userId: number, rand: () => number, until: string): Promise<void> {
  const cutoff = new Date(vnDayStart(until).getTime() - 30 * 86_400_000).toISOString();
  const followUps: FollowUp[] = [];
  let after: FeedbackCursor | null = null;
  do {
    const page = await listFeedback(store, { root: province, from: "2000-01-01", to: until, officials: true, kind: "complaint", after, limit: 1000 });
    for (const { id, receivedAt } of page.filter((item) => item.receivedAt < cutoff)) {
      const steps = rand() < 0.75 ? 2 : rand() < 0.5 ? 1 : 0;
      const days = [1 + rand() * 2, 3 + rand() * 21];
      FOLLOW_UPS.slice(0, steps).forEach(([status, note], i) =>
        followUps.push({ id, status, note, at: new Date(Date.parse(receivedAt) + days[i]! * 86_400_000).toISOString() }),
      );
    }
    const last = page.at(-1);
    after = page.length === 1000 && last ? { receivedAt: last.receivedAt, id: last.id } : null;
  } while (after);
  await recordFollowUps(store, province, followUps, userId);
}
