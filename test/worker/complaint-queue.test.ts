import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { recordFollowUps } from "../../worker/db/feedback.ts";
import { storeResponses } from "../../worker/db/responses.ts";
import { addUnits } from "../../worker/db/units.ts";
import type { ComplaintMeasures, FeedbackItem, FeedbackStatus, QueueCounts } from "../../worker/domain/feedback.ts";
import type { ResponseRecord, Submission } from "../../worker/domain/submission.ts";
import { vnDay, vnDayStart } from "../../worker/domain/vn-time.ts";
import { loginAs, someAddress, type Client } from "./accounts.ts";
import { answerSet, catalog, postResponse, shardOfUnit, store } from "./helpers.ts";

/*
 * The complaints queue through the API (issue 14): kinds, filters, search within the
 * account's scope, deadlines at the Viet Nam day boundary, no closing without a note,
 * assignees, the official hidden from viewers, and the measures against a recount from the
 * shard's raw rows. Every commune here is in Quảng Ninh, where no other test answers; each
 * part has a commune of its own, so the counts it expects are its own.
 */

const PROVINCE = "22"; // Tỉnh Quảng Ninh
const KINDS = "06652"; // Phường Hà Tu
const QUEUE = "06685"; // Phường Hồng Gai, with a desk and an official
const DESK = "06685-mc";
const OFFICIAL = "06685-mc-hoa";
const OTHER = "06688"; // Phường Hạ Long
const SEARCH_A = "06673"; // Phường Bãi Cháy
const SEARCH_B = "06676"; // Phường Hà Lầm
const NOTES = "06661"; // Phường Việt Hưng
const DEADLINES = "06658"; // Phường Cao Xanh
const OVERDUE = "06706"; // Phường Tuần Châu: a desk per attempt
const MEASURED = "06709"; // Phường Móng Cái 2
const RANDOM = "06712"; // Phường Móng Cái 1: a desk per random set
const TIMED = "06724"; // Xã Hải Sơn

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Page {
  items: FeedbackItem[];
  next: string | null;
  total: number;
}
interface Summary {
  counts: QueueCounts;
  measures: ComplaintMeasures;
}
interface Refusal {
  code: string;
  fields?: Record<string, string>;
}

/** The body of a 200 response. */
async function ok<T>(res: Promise<Response>): Promise<T> {
  const r = await res;
  const text = await r.text();
  expect(r.status, text).toBe(200);
  return JSON.parse(text) as T;
}

/** The error of a refusal with this status. */
async function refused(res: Promise<Response>, status: number): Promise<Refusal> {
  const r = await res;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return (JSON.parse(text) as { error: Refusal }).error;
}

const list = (client: Client, query: string) => ok<Page>(client.get(`/feedback?limit=200&${query}`));
const summary = (client: Client, query: string) => ok<Summary>(client.get(`/feedback/summary?${query}`));

/** The ids a filter lists, sorted: for comparing what is listed, whatever the order. */
async function idsOf(client: Client, query: string): Promise<string[]> {
  const page = await list(client, query);
  expect(page.total, query).toBe(page.items.length);
  return page.items.map((item) => item.id).sort();
}

const sorted = (...ids: string[]) => [...ids].sort();

/** One item as a unit's list shows it. */
async function itemOf(client: Client, unit: string, id: string): Promise<FeedbackItem | undefined> {
  return (await list(client, `unit=${unit}`)).items.find((item) => item.id === id);
}

/** Sends an answer set as the widget does, from an address of its own; returns its id. */
async function post(overrides: Partial<Submission>): Promise<string> {
  const body = answerSet(overrides);
  const res = await postResponse(body, { "cf-connecting-ip": someAddress() });
  expect(res.status, await res.clone().text()).toBe(201);
  return body.id;
}

const complaint = (unit: string, reason: string, extra: Partial<Submission> = {}) => post({ unit, answers: { overall: 1 }, reason, ...extra });

/**
 * An answer set as the submission path stores it, received at `receivedAt` (whole seconds,
 * so its hours to resolution are the same whichever way they are rounded): a complaint
 * unless overridden.
 */
function record(unit: string, receivedAt: Date, overrides: Partial<ResponseRecord> = {}): ResponseRecord {
  const at = receivedAt.toISOString();
  const id = crypto.randomUUID();
  return {
    id,
    bodyHash: `hash-${id}`,
    unit,
    official: null,
    survey: "quick",
    version: 1,
    receivedAt: at,
    answeredAt: null,
    day: vnDay(receivedAt),
    channel: "web",
    lang: "vi",
    caseCode: null,
    caseKey: null,
    reason: "Chờ quá lâu",
    comment: null,
    clientHash: `client-${id}`,
    device: null,
    source: `client-${id}`,
    pacedAt: at,
    durationMs: 20_000,
    status: "accepted",
    answers: { overall: 1 },
    ...overrides,
  };
}

/** Stores answer sets straight into their shard, through its triggers; returns their ids. */
async function stored(...records: ResponseRecord[]): Promise<string[]> {
  await storeResponses(store(), records);
  return records.map((r) => r.id);
}

/** An instant `days` days (and `hours` hours) before now, in whole seconds. */
const ago = (days: number, hours = 0) => new Date(Math.floor((Date.now() - days * DAY - hours * HOUR) / 1000) * 1000);

/** The Viet Nam day `n` days after `day`. */
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/**
 * Runs a check that depends on today's Viet Nam day, again should midnight in Ha Noi fall
 * while it runs: the API and the test then agree on what today is.
 */
async function onOneDay<T>(check: (today: string) => Promise<T>): Promise<T> {
  for (;;) {
    const today = vnDay(new Date());
    try {
      return await check(today);
    } catch (err) {
      if (vnDay(new Date()) === today) throw err;
    }
  }
}

/** The catalog id of a client's account. */
async function idOf(client: Client): Promise<number> {
  return (await catalog().prepare("SELECT id FROM users WHERE email = ?1").bind(client.email).first<number>("id"))!;
}

const move = (client: Client, id: string, change: Record<string, unknown>) => client.send("PATCH", `/feedback/${id}`, change);
const bulk = (client: Client, ids: string[], change: Record<string, unknown>) => client.send("POST", "/feedback/bulk", { ids, ...change });

describe("kinds", () => {
  let manager: Client;
  let reasonOn1: string, commentOn1: string, commentOn2: string, commentOn3: string;
  beforeAll(async () => {
    manager = await loginAs("manager", KINDS);
    reasonOn1 = await complaint(KINDS, "Chờ hai tiếng mới đến lượt");
    commentOn1 = await post({ unit: KINDS, answers: { overall: 1 }, comment: "Không ai hướng dẫn" });
    commentOn2 = await post({ unit: KINDS, answers: { overall: 2 }, comment: "Nên có thêm ghế chờ" });
    commentOn3 = await post({ unit: KINDS, answers: { overall: 3 }, comment: "Cán bộ tận tình, chu đáo" });
    await post({ unit: KINDS, answers: { overall: 1 } }); // no text: no item
  });

  it("makes a reason, or a comment on Không hài lòng, a complaint with a due day, and a comment on a satisfied answer feedback without one", async () => {
    const { items, total } = await list(manager, `unit=${KINDS}`);
    expect(total).toBe(4);
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(reasonOn1)).toMatchObject({ kind: "complaint", overall: 1, dueDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(byId.get(commentOn1)).toMatchObject({ kind: "complaint", overall: 1, dueDay: expect.any(String) });
    expect(byId.get(commentOn2)).toMatchObject({ kind: "feedback", overall: 2, dueDay: null, overdue: false });
    expect(byId.get(commentOn3)).toMatchObject({ kind: "feedback", overall: 3, dueDay: null, overdue: false });
  });

  it("filters by kind and by the overall level", async () => {
    expect(await idsOf(manager, `unit=${KINDS}&kind=complaint`)).toEqual(sorted(reasonOn1, commentOn1));
    expect(await idsOf(manager, `unit=${KINDS}&kind=feedback`)).toEqual(sorted(commentOn2, commentOn3));
    expect(await idsOf(manager, `unit=${KINDS}&level=1`)).toEqual(sorted(reasonOn1, commentOn1));
    expect(await idsOf(manager, `unit=${KINDS}&level=2`)).toEqual([commentOn2]);
    expect(await idsOf(manager, `unit=${KINDS}&level=3&kind=feedback`)).toEqual([commentOn3]);
    expect((await manager.get(`/feedback?unit=${KINDS}&kind=praise`)).status).toBe(400);
    expect((await manager.get(`/feedback?unit=${KINDS}&level=4`)).status).toBe(400);
  });

  it("counts feedback in the queue's counts of its kind, never in the complaint measures", async () => {
    const all = await summary(manager, `unit=${KINDS}`);
    expect(all.counts).toEqual({ new: 4, in_progress: 0, overdue: 0, resolved: 0, total: 4 });
    expect(all.measures).toMatchObject({ received: 2, resolved: 0, medianHours: null, open: 2, overdue: 0 });
    const feedback = await summary(manager, `unit=${KINDS}&kind=feedback`);
    expect(feedback.counts.total).toBe(2);
    expect(feedback.measures).toEqual(all.measures);
    // Resolving the feedback changes no complaint measure.
    await ok(bulk(manager, [commentOn2, commentOn3], { status: "resolved", note: "Đã ghi nhận góp ý" }));
    expect((await summary(manager, `unit=${KINDS}`)).measures).toEqual(all.measures);
  });
});

describe("the queue's filters, order and pages", () => {
  let manager: Client, viewer: Client;
  let old1: string, old2: string, c1: string, c2: string, c3: string, f1: string, f2: string;
  const OFFICIAL_REASON = "Cán bộ Hoa nói năng cộc cằn";
  beforeAll(async () => {
    await addUnits(store(), [
      { code: DESK, name: "Trung tâm phục vụ hành chính công", kind: "desk", parent: QUEUE },
      { code: OFFICIAL, name: "Nguyễn Thị Hoa", kind: "official", parent: DESK },
    ]);
    manager = await loginAs("manager", QUEUE, "Đỗ Quang Vinh");
    viewer = await loginAs("viewer", QUEUE);
    [old1, old2] = (await stored(record(DESK, ago(40)), record(QUEUE, ago(20)))) as [string, string];
    c1 = await complaint(QUEUE, "Phải đi lại ba lần");
    c2 = await post({ unit: DESK, answers: { overall: 1 }, comment: "Máy lấy số hỏng" });
    c3 = await complaint(QUEUE, OFFICIAL_REASON, { survey: "sipas", official: OFFICIAL });
    f1 = await post({ unit: DESK, answers: { overall: 2 }, comment: "Nên mở cửa sớm hơn" });
    f2 = await post({ unit: QUEUE, answers: { overall: 3 }, comment: "Rất nhanh gọn" });
    await ok(move(manager, c2, { status: "in_progress" }));
    await ok(move(manager, old2, { status: "resolved", note: "Đã trả kết quả" }));
  });

  it("lists a sub-unit's subtree: a desk, an official, the commune", async () => {
    expect(await idsOf(manager, `unit=${QUEUE}`)).toEqual(sorted(old1, old2, c1, c2, c3, f1, f2));
    expect(await idsOf(manager, `unit=${DESK}`)).toEqual(sorted(old1, c2, c3, f1));
    expect(await idsOf(manager, `unit=${OFFICIAL}`)).toEqual([c3]);
    // The account's unit is the default scope.
    expect(await idsOf(manager, "")).toEqual(sorted(old1, old2, c1, c2, c3, f1, f2));
    expect((await manager.get(`/feedback?unit=${OTHER}`)).status).toBe(403);
  });

  it("filters by status, open and overdue included", async () => {
    expect(await idsOf(manager, `unit=${QUEUE}&status=open`)).toEqual(sorted(old1, c1, c2, c3, f1, f2));
    expect(await idsOf(manager, `unit=${QUEUE}&status=new`)).toEqual(sorted(old1, c1, c3, f1, f2));
    expect(await idsOf(manager, `unit=${QUEUE}&status=in_progress`)).toEqual([c2]);
    expect(await idsOf(manager, `unit=${QUEUE}&status=resolved`)).toEqual([old2]);
    expect(await idsOf(manager, `unit=${QUEUE}&status=overdue`)).toEqual([old1]);
    expect(await idsOf(manager, `unit=${DESK}&status=overdue&kind=complaint`)).toEqual([old1]);
    expect((await manager.get(`/feedback?unit=${QUEUE}&status=done`)).status).toBe(400);
  });

  it("filters by kind, level and the official named, for managers only", async () => {
    expect(await idsOf(manager, `unit=${QUEUE}&kind=complaint`)).toEqual(sorted(old1, old2, c1, c2, c3));
    expect(await idsOf(manager, `unit=${QUEUE}&kind=feedback`)).toEqual(sorted(f1, f2));
    expect(await idsOf(manager, `unit=${QUEUE}&level=2`)).toEqual([f1]);
    expect(await idsOf(manager, `unit=${QUEUE}&official=${OFFICIAL}`)).toEqual([c3]);
    expect((await refused(viewer.get(`/feedback?unit=${QUEUE}&official=${OFFICIAL}`), 403)).code).toBe("officials_restricted");
    expect((await refused(viewer.get(`/feedback/summary?unit=${QUEUE}&official=${OFFICIAL}`), 403)).code).toBe("officials_restricted");
  });

  it("filters by the day received", async () => {
    const days = new Map((await list(manager, `unit=${QUEUE}`)).items.map((item) => [item.id, item.day]));
    const [day1, day2] = [days.get(old1)!, days.get(old2)!];
    expect(await idsOf(manager, `unit=${QUEUE}&from=${day1}&to=${day1}`)).toEqual([old1]);
    expect(await idsOf(manager, `unit=${QUEUE}&from=${day1}&to=${day2}`)).toEqual(sorted(old1, old2));
    expect(await idsOf(manager, `unit=${QUEUE}&from=${addDays(day2, 1)}`)).toEqual(sorted(c1, c2, c3, f1, f2));
    expect(await idsOf(manager, `unit=${QUEUE}&to=${addDays(day1, -1)}&from=${addDays(day1, -30)}`)).toEqual([]);
    expect((await manager.get(`/feedback?unit=${QUEUE}&from=${day2}&to=${day1}`)).status).toBe(400);
  });

  it("sorts newest or oldest first, and pages through the same order with a cursor, counting every item in total", async () => {
    const byTime = (a: FeedbackItem, b: FeedbackItem) => (a.receivedAt === b.receivedAt ? (a.id < b.id ? -1 : 1) : a.receivedAt < b.receivedAt ? -1 : 1);
    const oldest = (await list(manager, `unit=${QUEUE}&sort=oldest`)).items;
    expect(oldest.map((i) => i.id)).toEqual([...oldest].sort(byTime).map((i) => i.id));
    expect(oldest.slice(0, 2).map((i) => i.id)).toEqual([old1, old2]);
    const newest = (await list(manager, `unit=${QUEUE}&sort=newest`)).items;
    expect(newest.map((i) => i.id)).toEqual([...oldest].reverse().map((i) => i.id));
    expect((await list(manager, `unit=${QUEUE}`)).items.map((i) => i.id)).toEqual(newest.map((i) => i.id));

    for (const [sort, all] of [["oldest", oldest], ["newest", newest]] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const pageQuery: string = `/feedback?unit=${QUEUE}&sort=${sort}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const page: Page = await ok<Page>(manager.get(pageQuery));
        expect(page.total, sort).toBe(7);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.next;
      } while (cursor);
      expect(seen, sort).toEqual(all.map((i) => i.id));
    }
    const filtered = await ok<Page>(manager.get(`/feedback?unit=${QUEUE}&kind=complaint&limit=2&sort=oldest`));
    expect(filtered).toMatchObject({ total: 5, items: [{ id: old1 }, { id: old2 }], next: expect.any(String) });
    expect((await manager.get(`/feedback?unit=${QUEUE}&sort=random`)).status).toBe(400);
  });

  it("shows managers the official named, and hides the item from viewers in the list, the search and the counts", async () => {
    expect((await itemOf(manager, QUEUE, c3))?.official).toEqual({ code: OFFICIAL, name: "Nguyễn Thị Hoa" });
    expect((await itemOf(manager, QUEUE, c1))?.official).toBeNull();
    const seen = await list(viewer, `unit=${QUEUE}`);
    expect(seen.items.map((i) => i.id).sort()).toEqual(sorted(old1, old2, c1, c2, f1, f2));
    expect(seen.total).toBe(6);
    expect(seen.items.every((i) => i.official === null)).toBe(true);
    expect(await idsOf(manager, `unit=${QUEUE}&q=coc can`)).toEqual([c3]);
    expect(await idsOf(viewer, `unit=${QUEUE}&q=coc can`)).toEqual([]);
    expect(await idsOf(viewer, `unit=${DESK}`)).toEqual(sorted(old1, c2, f1));
    const [managers, viewers] = [await summary(manager, `unit=${QUEUE}`), await summary(viewer, `unit=${QUEUE}`)];
    expect(managers.counts).toEqual({ new: 5, in_progress: 1, overdue: 1, resolved: 1, total: 7 });
    expect(viewers.counts).toEqual({ new: 4, in_progress: 1, overdue: 1, resolved: 1, total: 6 });
    expect(viewers.measures.received).toBe(managers.measures.received - 1);
    expect((await summary(viewer, `unit=${QUEUE}&q=coc can`)).counts.total).toBe(0);
  });

  describe("assignment", () => {
    let colleague: Client, outsider: Client, province: Client;
    beforeAll(async () => {
      colleague = await loginAs("manager", QUEUE, "Phạm Thu Hà");
      outsider = await loginAs("manager", OTHER, "Lý Văn Nam");
      province = await loginAs("admin", PROVINCE, "Hoàng Minh Đức");
    });

    it("offers the managers of the unit and above, within the assigning account's subtree", async () => {
      const ids = async (client: Client, unit: string) =>
        (await ok<{ accounts: { id: number; name: string; unit: { code: string } }[] }>(client.get(`/feedback/assignees?unit=${unit}`))).accounts.map((a) => a.id).sort();
      const [own, mate, them, top] = await Promise.all([manager, colleague, outsider, province].map(idOf));
      expect(await ids(manager, QUEUE)).toEqual([own!, mate!].sort());
      expect(await ids(manager, OFFICIAL)).toEqual([own!, mate!].sort());
      expect(await ids(province, QUEUE)).toEqual([own!, mate!, top!].sort());
      expect(await ids(province, OTHER)).toEqual([them!, top!].sort());
      expect((await manager.get(`/feedback/assignees?unit=${OTHER}`)).status).toBe(403);
    });

    it("gives an item to an eligible account, which finds it under assignee=me", async () => {
      const mate = await idOf(colleague);
      const item = await ok<FeedbackItem>(move(manager, c1, { assignee: mate }));
      expect(item).toMatchObject({ id: c1, status: "new", assignee: { id: mate, name: "Phạm Thu Hà" } });
      expect(await idsOf(colleague, "assignee=me")).toEqual([c1]);
      expect(await idsOf(colleague, `unit=${QUEUE}&assignee=me&status=open`)).toEqual([c1]);
      expect(await idsOf(manager, `unit=${QUEUE}&assignee=me`)).toEqual([]);
      expect(await idsOf(manager, `unit=${QUEUE}&assignee=${mate}`)).toEqual([c1]);
      expect((await summary(colleague, "assignee=me")).counts.total).toBe(1);
    });

    it("refuses an account of another commune, and a viewer, changing nothing", async () => {
      const error = await refused(move(manager, c2, { assignee: await idOf(outsider) }), 400);
      expect(error).toMatchObject({ code: "invalid_assignee", fields: { assignee: expect.any(String) } });
      expect(await refused(move(viewer, c2, { assignee: await idOf(manager) }), 403)).toMatchObject({ code: "read_only" });
      expect((await itemOf(manager, QUEUE, c2))?.assignee).toBeNull();
    });

    it("takes an item back from its assignee", async () => {
      expect(await ok<FeedbackItem>(move(manager, c1, { assignee: null }))).toMatchObject({ assignee: null });
      expect(await idsOf(colleague, "assignee=me")).toEqual([]);
    });
  });
});

describe("search", () => {
  let managerA: Client, managerB: Client, province: Client;
  let phuLy: string, datDai: string, noted: string, erased: string, elsewhere: string;
  beforeAll(async () => {
    managerA = await loginAs("manager", SEARCH_A);
    managerB = await loginAs("manager", SEARCH_B);
    province = await loginAs("manager", PROVINCE);
    phuLy = await complaint(SEARCH_A, "Xếp hàng ở Phủ Lý từ sáng đến trưa");
    datDai = await post({ unit: SEARCH_A, answers: { overall: 1 }, comment: "Hồ sơ ĐẤT ĐAI trả chậm" });
    noted = await complaint(SEARCH_A, "Thiếu quầy tiếp nhận");
    erased = await complaint(SEARCH_A, "Tên tôi là Trịnh Văn Khoa, nhà ở thôn Đồng Tâm");
    elsewhere = await complaint(SEARCH_B, "Thu thêm lệ phí trước bạ không có biên lai");
  });

  it("ignores diacritics and case, every word the start of a word", async () => {
    for (const q of ["phu ly", "Phủ Lý", "PHU LY", "phủ", "xep hang"]) expect(await idsOf(managerA, `q=${encodeURIComponent(q)}`), q).toEqual([phuLy]);
    for (const q of ["dat dai", "Đất đai", "đat"]) expect(await idsOf(managerA, `q=${encodeURIComponent(q)}`), q).toEqual([datDai]);
    expect(await idsOf(managerA, "q=dai dat")).toEqual([datDai]);
    expect(await idsOf(managerA, "q=dat ly")).toEqual([]);
    expect(await idsOf(managerA, "q=hang ho")).toEqual([]);
    expect((await managerA.get(`/feedback?q=${"a".repeat(201)}`)).status).toBe(400);
  });

  it("finds the notes added to an item", async () => {
    expect(await idsOf(managerA, "q=tai nguyen")).toEqual([]);
    await ok(move(managerA, noted, { status: "in_progress", note: "Đã đề nghị Sở Tài nguyên bố trí thêm quầy" }));
    expect(await idsOf(managerA, "q=tai nguyen")).toEqual([noted]);
    expect(await idsOf(managerA, "q=quay")).toEqual([noted]);
    expect((await summary(managerA, "q=tai nguyen")).counts).toMatchObject({ in_progress: 1, total: 1 });
  });

  it("no longer finds an erased item's text", async () => {
    expect(await idsOf(managerA, "q=trinh van khoa")).toEqual([erased]);
    await ok(managerA.send("POST", `/feedback/${erased}/erasure`));
    expect(await idsOf(managerA, "q=trinh van khoa")).toEqual([]);
    expect(await idsOf(managerA, "q=dong tam")).toEqual([]);
  });

  it("stays within the account's scope", async () => {
    expect(await idsOf(managerA, "q=truoc ba")).toEqual([]);
    expect((await summary(managerA, "q=truoc ba")).counts.total).toBe(0);
    expect((await managerA.get(`/feedback?unit=${SEARCH_B}&q=truoc%20ba`)).status).toBe(403);
    expect((await managerA.get(`/feedback/summary?unit=${SEARCH_B}&q=truoc%20ba`)).status).toBe(403);
    expect(await idsOf(managerB, "q=truoc ba")).toEqual([elsewhere]);
    expect(await idsOf(province, "q=truoc ba")).toEqual([elsewhere]);
    expect(await idsOf(managerB, "q=phu ly")).toEqual([]);
  });
});

describe("no closing or reopening without a note", () => {
  let manager: Client, viewer: Client;
  let id: string;
  beforeAll(async () => {
    manager = await loginAs("manager", NOTES, "Vũ Thị Mai");
    viewer = await loginAs("viewer", NOTES);
    id = await complaint(NOTES, "Không được hướng dẫn bổ sung hồ sơ");
  });

  it("refuses to close without a note, or with a blank one, changing nothing", async () => {
    for (const change of [{ status: "resolved" }, { status: "resolved", note: "   " }, { status: "resolved", note: "", reply: "Đã xử lý" }]) {
      const error = await refused(move(manager, id, change), 400);
      expect(error, JSON.stringify(change)).toMatchObject({ code: "note_required", fields: { note: expect.any(String) } });
    }
    expect(await itemOf(manager, NOTES, id)).toMatchObject({ status: "new", resolvedAt: null, reply: null, history: [] });
  });

  it("moves between new and being handled without one", async () => {
    expect(await ok<FeedbackItem>(move(manager, id, { status: "in_progress" }))).toMatchObject({ status: "in_progress", resolvedAt: null });
  });

  it("closes with a note, stamping when", async () => {
    const before = Date.now();
    const item = await ok<FeedbackItem>(move(manager, id, { status: "resolved", note: "Đã gọi điện hướng dẫn công dân" }));
    expect(item).toMatchObject({ status: "resolved", overdue: false });
    expect(Date.parse(item.resolvedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(item.resolvedAt!)).toBeLessThanOrEqual(Date.now());
    expect(item.history.at(-1)).toMatchObject({ status: "resolved", note: "Đã gọi điện hướng dẫn công dân", by: "Vũ Thị Mai" });
  });

  it("refuses to reopen without a note, and reopens with one", async () => {
    const closed = (await itemOf(manager, NOTES, id))!;
    for (const status of ["new", "in_progress"]) {
      expect((await refused(move(manager, id, { status }), 400)).code).toBe("note_required");
    }
    expect(await itemOf(manager, NOTES, id)).toEqual(closed);
    const reopened = await ok<FeedbackItem>(move(manager, id, { status: "new", note: "Công dân báo chưa nhận được hồ sơ" }));
    expect(reopened).toMatchObject({ status: "new", resolvedAt: null });
    expect(reopened.history.map((h) => h.status)).toEqual(["in_progress", "resolved", "new"]);
  });

  describe("several at once", () => {
    let three: string[];
    let outside: string;
    beforeAll(async () => {
      three = [await complaint(NOTES, "Chờ lâu"), await complaint(NOTES, "Thiếu mẫu tờ khai"), await complaint(NOTES, "Không có chỗ để xe")];
      outside = await complaint(OTHER, "Quầy đóng cửa sớm");
    });

    const statuses = async () => {
      const items = (await list(manager, `unit=${NOTES}`)).items;
      return three.map((one) => items.find((item) => item.id === one)!.status);
    };

    it("moves all with one note, which each one's history keeps", async () => {
      expect(await refused(bulk(manager, three, { status: "resolved" }), 400)).toMatchObject({ code: "note_required" });
      expect(await statuses()).toEqual(["new", "new", "new"]);
      const note = "Đã bố trí thêm một quầy tiếp nhận";
      const { items } = await ok<{ items: FeedbackItem[] }>(bulk(manager, three, { status: "resolved", note }));
      expect(items.map((i) => i.id).sort()).toEqual(sorted(...three));
      for (const item of items) {
        expect(item).toMatchObject({ status: "resolved", resolvedAt: expect.any(String) });
        expect(item.history.at(-1)).toMatchObject({ status: "resolved", note, by: "Vũ Thị Mai" });
      }
      expect(await statuses()).toEqual(["resolved", "resolved", "resolved"]);
    });

    it("reopening several needs a note too", async () => {
      expect(await refused(bulk(manager, three, { status: "in_progress" }), 400)).toMatchObject({ code: "note_required" });
      expect(await statuses()).toEqual(["resolved", "resolved", "resolved"]);
    });

    it("changes none when one is out of scope or unknown, or for a viewer", async () => {
      const fresh = [await complaint(NOTES, "Cán bộ đi vắng"), await complaint(NOTES, "Không có nước uống")];
      const unchanged = async () => {
        const items = (await list(manager, `unit=${NOTES}`)).items.filter((item) => fresh.includes(item.id));
        expect(items.map((i) => [i.status, i.history.length])).toEqual([["new", 0], ["new", 0]]);
      };
      expect((await refused(bulk(manager, [...fresh, outside], { status: "in_progress", note: "Đang xử lý" }), 403)).code).toBe("out_of_scope");
      await unchanged();
      expect((await refused(bulk(manager, [...fresh, crypto.randomUUID()], { status: "in_progress", note: "Đang xử lý" }), 404)).code).toBe("unknown_feedback");
      await unchanged();
      expect((await refused(bulk(viewer, fresh, { status: "in_progress", note: "Đang xử lý" }), 403)).code).toBe("read_only");
      await unchanged();
      expect((await refused(bulk(manager, [...fresh, ...three], { status: "resolved" }), 400)).code).toBe("note_required");
      await unchanged();
      const other = await loginAs("manager", OTHER);
      expect((await itemOf(other, OTHER, outside))?.status).toBe("new");
    });
  });
});

describe("overdue, as of the Viet Nam day", () => {
  let manager: Client;
  beforeAll(async () => {
    manager = await loginAs("manager", OVERDUE);
  });

  it("marks and counts a complaint from the day after its due day, never a resolved one nor feedback", async () => {
    await onOneDay(async (today) => {
      const desk = `${OVERDUE}-${crypto.randomUUID().slice(0, 8)}`;
      await addUnits(store(), [{ code: desk, name: "Bộ phận một cửa", kind: "desk", parent: OVERDUE }]);
      // Received at noon in Ha Noi, 15 and 16 days ago: due today, due yesterday.
      const noon = (day: string) => new Date(vnDayStart(day).getTime() + 12 * HOUR);
      const [dueToday, dueYesterday, resolved, feedback] = await stored(
        record(desk, noon(addDays(today, -15))),
        record(desk, noon(addDays(today, -16))),
        record(desk, noon(addDays(today, -16))),
        record(desk, noon(addDays(today, -30)), { answers: { overall: 3 }, reason: null, comment: "Tốt" }),
      );
      await ok(move(manager, resolved!, { status: "resolved", note: "Đã xử lý, muộn một ngày" }));
      const items = new Map((await list(manager, `unit=${desk}`)).items.map((item) => [item.id, item]));
      expect(items.get(dueToday!)).toMatchObject({ dueDay: today, overdue: false });
      expect(items.get(dueYesterday!)).toMatchObject({ dueDay: addDays(today, -1), overdue: true });
      expect(items.get(resolved!)).toMatchObject({ dueDay: addDays(today, -1), status: "resolved", overdue: false });
      expect(items.get(feedback!)).toMatchObject({ dueDay: null, overdue: false });
      expect(await idsOf(manager, `unit=${desk}&status=overdue`)).toEqual([dueYesterday]);
      const { counts, measures } = await summary(manager, `unit=${desk}`);
      expect(counts).toEqual({ new: 3, in_progress: 0, overdue: 1, resolved: 1, total: 4 });
      expect(measures).toMatchObject({ received: 3, resolved: 1, open: 2, overdue: 1, onTime: { count: 0, n: 2, share: 0 } });
    });
  });
});

/** When an item was last moved to resolved, from its history; null while it is open. */
function resolvedAtOf(events: { status: FeedbackStatus; at: string }[]): string | null {
  let status: FeedbackStatus = "new";
  let resolvedAt: string | null = null;
  for (const event of events) {
    if (event.status === "resolved" && status !== "resolved") resolvedAt = event.at;
    if (event.status !== "resolved") resolvedAt = null;
    status = event.status;
  }
  return resolvedAt;
}

/**
 * The complaint measures of a unit's subtree recounted from the shard's raw rows: the
 * accepted answers on Không hài lòng (a reason comes only with it) that have an inbox item,
 * their due days, and their histories, as of `today`.
 */
async function recountMeasures(unit: string, today: string): Promise<ComplaintMeasures> {
  const db = await shardOfUnit(unit);
  const [complaints, events] = await db.batch<Record<string, string>>([
    db
      .prepare(
        `SELECT r.id, r.received_at AS receivedAt, f.due_day AS dueDay FROM responses r JOIN feedback f ON f.response_id = r.id
         JOIN unit_ancestors a ON a.unit = coalesce(r.official, r.unit) AND a.ancestor = ?1
         WHERE r.status = 'accepted' AND json_extract(r.answers, '$.overall') = 1`,
      )
      .bind(unit),
    db
      .prepare(
        `SELECT e.response_id AS id, e.status, e.at FROM feedback_events e JOIN responses r ON r.id = e.response_id
         JOIN unit_ancestors a ON a.unit = coalesce(r.official, r.unit) AND a.ancestor = ?1 ORDER BY e.id`,
      )
      .bind(unit),
  ]);
  const history = new Map<string, { status: FeedbackStatus; at: string }[]>();
  for (const event of events!.results as { id: string; status: FeedbackStatus; at: string }[]) history.set(event.id, [...(history.get(event.id) ?? []), event]);
  const rows = (complaints!.results as { id: string; receivedAt: string; dueDay: string }[]).map((row) => ({ ...row, resolvedAt: resolvedAtOf(history.get(row.id) ?? []) }));
  const resolved = rows.filter((row) => row.resolvedAt !== null);
  const open = rows.filter((row) => row.resolvedAt === null);
  const overdue = open.filter((row) => row.dueDay < today);
  const hours = resolved.map((row) => Math.floor((Date.parse(row.resolvedAt!) - Date.parse(row.receivedAt)) / HOUR)).sort((a, b) => a - b);
  const onTime = resolved.filter((row) => vnDay(new Date(row.resolvedAt!)) <= row.dueDay).length;
  const decided = resolved.length + overdue.length;
  return {
    received: rows.length,
    resolved: resolved.length,
    medianHours: hours.length === 0 ? null : hours[Math.ceil(hours.length / 2) - 1]!,
    onTime: { count: onTime, n: decided, share: decided === 0 ? null : onTime / decided },
    open: open.length,
    overdue: overdue.length,
  };
}

/** Expects the measures the API gives for a unit to equal a recount from the raw rows. */
async function expectMeasuresMatchRecount(client: Client, unit: string): Promise<ComplaintMeasures> {
  return onOneDay(async (today) => {
    const { measures } = await summary(client, `unit=${unit}`);
    expect(measures).toEqual(await recountMeasures(unit, today));
    return measures;
  });
}

describe("the measures of how complaints were handled", () => {
  let manager: Client;
  beforeAll(async () => {
    manager = await loginAs("manager", MEASURED);
  });

  it("equal a recount from the raw rows: median hours, share on time, open and overdue", async () => {
    const [early, late, overdue, waiting, handling, reopened] = await stored(
      record(MEASURED, ago(2, 3)), // resolved within its deadline
      record(MEASURED, ago(20, 5)), // resolved after its due day
      record(MEASURED, ago(20)), // open past its due day
      record(MEASURED, ago(5)), // open within its deadline
      record(MEASURED, ago(25), { answers: { overall: 1 }, reason: null, comment: "Không ai nghe máy" }), // being handled past its due day
      record(MEASURED, ago(10)), // resolved, then reopened
    );
    await stored(
      record(MEASURED, ago(20), { answers: { overall: 3 }, reason: null, comment: "Rất hài lòng" }), // feedback: never measured
      record(MEASURED, ago(20), { status: "quarantined" }), // not counted
    );
    await ok(bulk(manager, [early!, late!, reopened!], { status: "resolved", note: "Đã giải quyết" }));
    await ok(bulk(manager, [handling!, reopened!], { status: "in_progress", note: "Đang xác minh lại" }));

    const measures = await expectMeasuresMatchRecount(manager, MEASURED);
    expect(measures).toMatchObject({ received: 6, resolved: 2, onTime: { count: 1, n: 4, share: 0.25 }, open: 4, overdue: 2 });
    // The lower of the two: the complaint resolved two days and three hours after it came.
    expect(measures.medianHours).toBe(51);
    expect((await summary(manager, `unit=${MEASURED}`)).counts).toEqual({ new: 3, in_progress: 2, overdue: 2, resolved: 2, total: 7 });
  });

  it("follow the filter's period and level", async () => {
    const recent = await summary(manager, `unit=${MEASURED}&from=${vnDay(ago(11))}`);
    expect(recent.measures).toMatchObject({ received: 3, resolved: 1, open: 2, overdue: 0, medianHours: 51, onTime: { count: 1, n: 1, share: 1 } });
    expect((await summary(manager, `unit=${MEASURED}&level=3`)).measures).toMatchObject({ received: 0, medianHours: null, onTime: { count: 0, n: 0, share: null } });
  });

  it("judge on time by the Viet Nam day of resolution", async () => {
    const timed = await loginAs("manager", TIMED);
    const received = addDays(vnDay(new Date()), -20);
    const noon = new Date(vnDayStart(received).getTime() + 12 * HOUR);
    const lastMoment = new Date(vnDayStart(addDays(received, 16)).getTime() - 1000); // 23:59:59 in Ha Noi on the due day
    const [onTime, late] = (await stored(record(TIMED, noon), record(TIMED, noon))) as [string, string];
    // Resolved at chosen times, as the demo seed records its follow-ups.
    const resolved = (id: string, at: Date) => ({ id, status: "resolved" as const, note: "Đã xử lý", at: at.toISOString() });
    await recordFollowUps(store(), TIMED, [resolved(onTime, lastMoment), resolved(late, new Date(lastMoment.getTime() + 1000))], await idOf(timed));

    const items = new Map((await list(timed, `unit=${TIMED}`)).items.map((item) => [item.id, item]));
    expect(items.get(onTime)).toMatchObject({ dueDay: addDays(received, 15), status: "resolved", resolvedAt: lastMoment.toISOString() });
    const measures = await expectMeasuresMatchRecount(timed, TIMED);
    // 15 days, 11 h 59 min 59 s and a second more: the lower median in whole hours.
    expect(measures).toMatchObject({ received: 2, resolved: 2, medianHours: 15 * 24 + 11, onTime: { count: 1, n: 2, share: 0.5 }, open: 0, overdue: 0 });
  });

  it("count a time to resolution in whole hours from the milliseconds, not from whole seconds", async () => {
    const timed = await loginAs("manager", TIMED);
    const desk = `${TIMED}-ms`;
    await addUnits(store(), [{ code: desk, name: "Quầy đo giờ", kind: "desk", parent: TIMED }]);
    const received = new Date(Math.floor(ago(3).getTime() / 1000) * 1000 + 900);
    const [id] = (await stored(record(desk, received))) as [string];
    // 59 minutes 59.2 seconds: whole seconds would make it an hour.
    const at = new Date(received.getTime() + HOUR - 800).toISOString();
    await recordFollowUps(store(), TIMED, [{ id, status: "resolved", note: "Đã xử lý", at }], await idOf(timed));
    expect((await expectMeasuresMatchRecount(timed, desk)).medianHours).toBe(0);
  });

  it("equal a recount for random sets of complaints and feedback", async () => {
    const manager = await loginAs("manager", RANDOM);
    const fate = fc.constantFrom("open", "in_progress", "resolved", "reopened");
    const answer = fc.record({ overall: fc.constantFrom(1, 1, 2, 3), minutesAgo: fc.integer({ min: 1, max: 40 * 24 * 60 }), fate });
    let set = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 8 }), async (answers) => {
        const desk = `${RANDOM}-r${set++}`;
        await addUnits(store(), [{ code: desk, name: `Quầy ${set}`, kind: "desk", parent: RANDOM }]);
        const ids = await stored(
          ...answers.map(({ overall, minutesAgo }) =>
            record(desk, ago(0, minutesAgo / 60), overall === 1 ? {} : { answers: { overall }, reason: null, comment: "Góp ý" }),
          ),
        );
        const withFate = (...fates: string[]) => ids.filter((_, i) => fates.includes(answers[i]!.fate));
        const toResolve = withFate("resolved", "reopened");
        if (toResolve.length) await ok(bulk(manager, toResolve, { status: "resolved", note: "Đã xử lý" }));
        const toHandle = withFate("in_progress", "reopened");
        if (toHandle.length) await ok(bulk(manager, toHandle, { status: "in_progress", note: "Mở lại để xử lý" }));
        await expectMeasuresMatchRecount(manager, desk);
      }),
      { numRuns: 6 },
    );
  });
});

// Last in the file: it changes the province's deadline, which the parts above take as 15 days.
describe("due days", () => {
  let province: Client, commune: Client;
  beforeAll(async () => {
    province = await loginAs("manager", PROVINCE);
    commune = await loginAs("manager", DEADLINES);
  });

  const deadline = () => ok<{ province: string; days: number; isDefault: boolean }>(province.get(`/units/${PROVINCE}/complaint-deadline`));

  it("are the day received in Viet Nam plus 15 days by default", async () => {
    expect(await deadline()).toEqual({ province: PROVINCE, days: 15, isDefault: true });
    const id = await complaint(DEADLINES, "Chờ lâu");
    const item = (await itemOf(commune, DEADLINES, id))!;
    expect(item.dueDay).toBe(addDays(item.day, 15));
    expect(item.day).toBe(vnDay(new Date(item.receivedAt)));
  });

  it("fall one day apart either side of midnight in Ha Noi (17:00 UTC)", async () => {
    const [before, after] = await stored(record(DEADLINES, new Date("2026-11-20T16:59:59.000Z")), record(DEADLINES, new Date("2026-11-20T17:00:00.000Z")));
    const items = new Map((await list(commune, `unit=${DEADLINES}&from=2026-11-20&to=2026-11-21`)).items.map((item) => [item.id, item]));
    expect(items.get(before!)).toMatchObject({ day: "2026-11-20", dueDay: "2026-12-05" });
    expect(items.get(after!)).toMatchObject({ day: "2026-11-21", dueDay: "2026-12-06" });
  });

  it("count from the Viet Nam day a complaint was answered on, when a device sends it later", async () => {
    const midnight = vnDayStart(addDays(vnDay(new Date()), -3));
    const late = await complaint(DEADLINES, "Gửi lại khi có mạng", { answeredAt: new Date(midnight.getTime() - 1000).toISOString() });
    const early = await complaint(DEADLINES, "Gửi lại khi có mạng", { answeredAt: midnight.toISOString() });
    const day = vnDay(midnight);
    expect(await itemOf(commune, DEADLINES, late)).toMatchObject({ day: addDays(day, -1), dueDay: addDays(day, 14) });
    expect(await itemOf(commune, DEADLINES, early)).toMatchObject({ day, dueDay: addDays(day, 15) });
  });

  it("may be set per province by its managers, for the complaints received from then on", async () => {
    const earlier = await complaint(DEADLINES, "Trước khi đổi thời hạn");
    const { dueDay } = (await itemOf(commune, DEADLINES, earlier))!;
    expect((await refused(commune.send("PUT", `/units/${PROVINCE}/complaint-deadline`, { days: 5 }), 403)).code).toBe("out_of_scope");
    const viewer = await loginAs("viewer", PROVINCE);
    expect((await refused(viewer.send("PUT", `/units/${PROVINCE}/complaint-deadline`, { days: 5 }), 403)).code).toBe("read_only");
    for (const days of [0, 366, 2.5]) expect((await province.send("PUT", `/units/${PROVINCE}/complaint-deadline`, { days })).status, String(days)).toBe(400);
    expect((await refused(province.send("PUT", `/units/${DEADLINES}/complaint-deadline`, { days: 5 }), 400)).code).toBe("not_a_province");
    expect(await deadline()).toEqual({ province: PROVINCE, days: 15, isDefault: true });

    expect(await ok(province.send("PUT", `/units/${PROVINCE}/complaint-deadline`, { days: 5 }))).toEqual({ province: PROVINCE, days: 5, isDefault: false });
    expect(await deadline()).toEqual({ province: PROVINCE, days: 5, isDefault: false });
    const later = await complaint(DEADLINES, "Sau khi đổi thời hạn");
    const feedback = await post({ unit: DEADLINES, answers: { overall: 3 }, comment: "Tốt" });
    const items = new Map((await list(commune, `unit=${DEADLINES}`)).items.map((item) => [item.id, item]));
    expect(items.get(earlier)?.dueDay).toBe(dueDay);
    expect(items.get(later)?.dueDay).toBe(addDays(items.get(later)!.day, 5));
    expect(items.get(feedback)?.dueDay).toBeNull();
  });
});
