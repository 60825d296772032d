import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { addUnits } from "../../worker/db/units.ts";
import type { Submission } from "../../worker/domain/submission.ts";
import { loginAs, someAddress, type Client } from "./accounts.ts";
import { answerSet, api, BASE, catalog, postResponse, store } from "./helpers.ts";

/*
 * Published results, /cong-khai/<code>: refused until a manager publishes the unit, then the
 * figures a viewer of the unit reads in the dashboard, and nothing of any official nor of any
 * complaint's text.
 */

const COMMUNE = "03158"; // Xã Sín Thầu, Điện Biên
const OTHER_COMMUNE = "03160"; // Xã Mường Nhé
const UNPUBLISHED = "03162"; // Xã Nậm Kè
const LARGE_DESK = { code: "03158-mc", name: "Bộ phận một cửa Sín Thầu" };
const SMALL_DESK = { code: "03158-tn", name: "Điểm tiếp nhận Pa Thơm" };
const DESK_OFFICIAL = { code: "03158-mc-hoa", name: "Quàng Thị Hoa Ban" };
const COMMUNE_OFFICIAL = { code: "03158-pao", name: "Lò Văn Páo" };
const MIN_SAMPLE = 30;
const COMPLAINT = "Quầy số bảy đóng cửa sớm, chờ từ sáng đến trưa";
const COMPLAINT_ABOUT_OFFICIAL = "Chị Hoa Ban nói năng cộc cằn với người già";

const page = (code: string, query = "") => exports.default.fetch(new Request(`${BASE}/cong-khai/${code}${query}`));

async function rate(times: number, answer: Partial<Submission>): Promise<void> {
  for (let i = 0; i < times; i++) {
    const body = answerSet({ answers: { overall: i % 4 === 0 ? 1 : 3 }, ...answer });
    expect((await postResponse(body, { "cf-connecting-ip": someAddress() })).status).toBe(201);
  }
}

async function complain(answer: Partial<Submission>): Promise<string> {
  const body = answerSet({ answers: { overall: 1 }, ...answer });
  expect((await postResponse(body, { "cf-connecting-ip": someAddress() })).status).toBe(201);
  return body.id;
}

const ok = async <T>(res: Promise<Response>): Promise<T> => {
  const done = await res;
  expect(done.status, await done.clone().text()).toBe(200);
  return (await done.json()) as T;
};

interface Figure {
  n: number;
  share: number | null;
  lower: number | null;
  upper: number | null;
}

/** A table's body rows as the page shows them: the row's heading, its numbers (<data value>) and its n. */
function tableRows(html: string, id: string): { heading: string; datetime: string | undefined; values: number[]; n: number; text: string }[] {
  const table = new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`).exec(html)?.[1];
  if (!table) throw new Error(`no table #${id}`);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)![1]!;
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) => {
    const cells = [...row!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell]) => cell!);
    return {
      heading: /<th scope="row">([\s\S]*?)<\/th>/.exec(row!)![1]!.replace(/<[^>]+>/g, ""),
      datetime: /datetime="([^"]+)"/.exec(row!)?.[1],
      values: [...row!.matchAll(/<data value="([^"]+)">/g)].map(([, value]) => Number(value)),
      n: Number(cells.at(-1)!.replace(/\D/g, "")),
      text: row!,
    };
  });
}

/** What a figure shows on the page: its share and interval, or nothing below the minimum sample. */
const shown = (f: Figure) => (f.share === null ? [] : [f.share, f.lower, f.upper]);

let manager: Client;
let viewer: Client;
beforeAll(async () => {
  await addUnits(store(), [
    { ...LARGE_DESK, kind: "desk", parent: COMMUNE },
    { ...SMALL_DESK, kind: "desk", parent: COMMUNE },
    { ...DESK_OFFICIAL, kind: "official", parent: LARGE_DESK.code },
    { ...COMMUNE_OFFICIAL, kind: "official", parent: COMMUNE },
  ]);
  manager = await loginAs("manager", COMMUNE);
  viewer = await loginAs("viewer", COMMUNE);
  // The commune's own answers keep what the children shown leave over above the minimum, so
  // the large desk's figure is shown while the small one's is not.
  await rate(MIN_SAMPLE, { unit: COMMUNE });
  await rate(MIN_SAMPLE, { unit: LARGE_DESK.code });
  await rate(5, { unit: SMALL_DESK.code });
  await rate(MIN_SAMPLE, { unit: COMMUNE_OFFICIAL.code });
  await rate(3, { unit: DESK_OFFICIAL.code });
  const complaint = await complain({ unit: COMMUNE, reason: COMPLAINT });
  await complain({ unit: COMMUNE, survey: "sipas", official: DESK_OFFICIAL.code, reason: COMPLAINT_ABOUT_OFFICIAL });
  await complain({ unit: DESK_OFFICIAL.code, reason: COMPLAINT_ABOUT_OFFICIAL });
  await ok(manager.send("PATCH", `/feedback/${complaint}`, { status: "resolved", note: "Đã bố trí người trực quầy cả ngày" }));
});

describe("publishing a unit's results", () => {
  it("is refused to a viewer and to a manager of another commune, and for an official", async () => {
    expect((await viewer.send("PUT", `/units/${COMMUNE}/publication`, { published: true })).status).toBe(403);
    const elsewhere = await loginAs("manager", OTHER_COMMUNE);
    expect((await elsewhere.send("PUT", `/units/${COMMUNE}/publication`, { published: true })).status).toBe(403);
    const official = await manager.send("PUT", `/units/${DESK_OFFICIAL.code}/publication`, { published: true });
    expect(official.status).toBe(400);
    expect(await official.json()).toMatchObject({ error: { code: "invalid", fields: { unit: expect.any(String) } } });
    expect((await page(DESK_OFFICIAL.code)).status).toBe(404);
    expect(await ok(manager.get(`/units/${DESK_OFFICIAL.code}/publication`))).toEqual({ unit: DESK_OFFICIAL.code, published: false, publishedAt: null });
    expect(await ok(viewer.get(`/units/${COMMUNE}/publication`))).toEqual({ unit: COMMUNE, published: false, publishedAt: null });
  });

  it("opens the page until it is withdrawn, each change audited", async () => {
    const before = await page(COMMUNE);
    expect(before.status).toBe(404);
    expect(before.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await before.text()).toContain("chưa công khai");

    const published = await ok<{ publishedAt: string }>(manager.send("PUT", `/units/${COMMUNE}/publication`, { published: true }));
    expect(published).toEqual({ unit: COMMUNE, published: true, publishedAt: expect.any(String) });
    expect(await ok(viewer.get(`/units/${COMMUNE}/publication`))).toEqual(published);
    expect((await page(COMMUNE)).status).toBe(200);

    expect(await ok(manager.send("PUT", `/units/${COMMUNE}/publication`, { published: false }))).toEqual({ unit: COMMUNE, published: false, publishedAt: null });
    expect((await page(COMMUNE)).status).toBe(404);

    const { results } = await catalog()
      .prepare(`SELECT before, after FROM audit_log WHERE action = 'unit.publish' AND unit = ?1 ORDER BY id`)
      .bind(COMMUNE)
      .all<{ before: string; after: string }>();
    expect(results.map((r) => [JSON.parse(r.before), JSON.parse(r.after)])).toEqual([
      [{ published: false }, { published: true }],
      [{ published: true }, { published: false }],
    ]);
    await ok(manager.send("PUT", `/units/${COMMUNE}/publication`, { published: true }));
  });

  it("leaves an unknown or unpublished unit at 404", async () => {
    for (const code of [UNPUBLISHED, "99999"]) {
      const res = await page(code, "?lang=en");
      expect(res.status).toBe(404);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await res.text()).toContain("has not published its results");
    }
  });

  it("is described in the OpenAPI document", async () => {
    const doc = await ok<{ paths: Record<string, Record<string, unknown>> }>(api("/openapi.json"));
    expect(Object.keys(doc.paths["/units/{code}/publication"]!)).toEqual(expect.arrayContaining(["get", "put"]));
  });
});

describe("the published page", () => {
  let html: string;
  let res: Response;
  beforeAll(async () => {
    await ok(manager.send("PUT", `/units/${COMMUNE}/publication`, { published: true }));
    res = await page(COMMUNE);
    expect(res.status).toBe(200);
    html = await res.text();
  });

  it("is cacheable at the edge, loads nothing and runs no script", () => {
    expect(res.headers.get("cache-control")).toBe("public, max-age=300, s-maxage=3600");
    expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; /);
    expect(html).not.toContain("<script");
    expect(html).toContain("Xã Sín Thầu");
    expect(html).toContain("Tỉnh Điện Biên");
  });

  it("shows the unit's month by month figures of /stats/trend", async () => {
    const trend = await ok<{ points: (Figure & { start: string })[] }>(viewer.get(`/stats/trend?unit=${COMMUNE}`));
    const rows = tableRows(html, "trend");
    expect(rows.map((r) => r.datetime)).toEqual(trend.points.map((p) => p.start.slice(0, 7)));
    for (const [i, point] of trend.points.entries()) {
      expect(rows[i]!.values, point.start).toEqual(shown(point));
      expect(rows[i]!.n, point.start).toBe(point.n);
    }
    expect(trend.points.some((p) => p.share !== null)).toBe(true);
  });

  it("compares the children as /stats/compare shows them to a viewer, a child below the minimum with no number", async () => {
    const compare = await ok<{ total: Figure; children: (Figure & { unit: { name: string } })[] }>(viewer.get(`/stats/compare?unit=${COMMUNE}`));
    const rows = tableRows(html, "compare");
    expect(rows.map((r) => r.heading)).toEqual([LARGE_DESK.name, SMALL_DESK.name]);
    expect(rows.map((r) => r.heading)).toEqual(compare.children.map((c) => c.unit.name));
    for (const [i, child] of compare.children.entries()) {
      expect(rows[i]!.values).toEqual(shown(child));
      expect(rows[i]!.n).toBe(child.n);
    }
    expect(rows[0]!.values).toHaveLength(3);
    expect(rows[1]).toMatchObject({ values: [], n: 5 });
    expect(rows[1]!.text).toContain("chưa đủ mẫu");
  });

  it("shows the complaints' handling of a viewer's queue", async () => {
    const { measures } = await ok<{ measures: { received: number; resolved: number; onTime: { share: number } } }>(viewer.get(`/feedback/summary?unit=${COMMUNE}`));
    expect(measures).toMatchObject({ received: 1, resolved: 1, onTime: { count: 1, n: 1, share: 1 } });
    const rows = tableRows(html, "complaints");
    expect(rows.map((r) => r.n).slice(0, 2)).toEqual([measures.received, measures.resolved]);
    expect(rows.at(-1)!.values).toEqual([measures.onTime.share]);
  });

  it("names no official and quotes no complaint, in either language", async () => {
    const english = await (await page(COMMUNE, "?lang=en")).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain("% satisfied by month");
    expect(html).toContain('<a class="lang" href="?lang=en" hreflang="en" lang="en">English</a>');
    for (const text of [html, english]) {
      for (const official of [DESK_OFFICIAL, COMMUNE_OFFICIAL]) {
        expect(text).not.toContain(official.name);
        expect(text).not.toContain(official.code);
      }
      expect(text).not.toContain(COMPLAINT);
      expect(text).not.toContain(COMPLAINT_ABOUT_OFFICIAL);
    }
  });
});
