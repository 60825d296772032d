import { beforeAll, describe, expect, it } from "vitest";
import { loginAs, someAddress, type Client } from "./accounts.ts";
import { addUnits } from "../../worker/db/units.ts";
import { answerSet, postResponse, store } from "./helpers.ts";

const COMMUNE = "00004";
const DESK = "00004-tn";
const LAN = "00004-tn-lan";
const MINH = "00004-tn-minh";
const MIN_SAMPLE = 30;

async function rate(official: string, times: number) {
  for (let i = 0; i < times; i++) {
    const body = answerSet({ unit: COMMUNE, survey: "sipas", official, answers: { overall: i % 3 === 0 ? 2 : 3 } });
    expect((await postResponse(body, { "cf-connecting-ip": someAddress() })).status).toBe(201);
  }
}

let viewer: Client;
let manager: Client;
beforeAll(async () => {
  await addUnits(store(), [
    { code: DESK, name: "Bộ phận tiếp nhận và trả kết quả", kind: "desk", parent: COMMUNE },
    { code: LAN, name: "Nguyễn Thị Lan", kind: "official", parent: DESK },
    { code: MINH, name: "Lê Văn Minh", kind: "official", parent: DESK },
  ]);
  viewer = await loginAs("viewer", COMMUNE);
  manager = await loginAs("manager", COMMUNE);
  await rate(LAN, MIN_SAMPLE);
  await rate(MINH, MIN_SAMPLE - 1);
});

const childCodes = async (client: Client) => {
  const res = await client.get(`/stats/compare?unit=${DESK}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { children: { unit: { code: string } }[] }).children.map((c) => c.unit.code);
};

describe("individual officials' figures", () => {
  it("are listed for the unit's managers only from the minimum sample up", async () => {
    expect(await childCodes(manager)).toEqual([LAN]);
    const compare = (await (await manager.get(`/stats/compare?unit=${DESK}`)).json()) as any;
    expect(compare.total.n).toBe(2 * MIN_SAMPLE - 1);
    // Lan's figure would leave Minh's, below the minimum, to be read off the desk's: 59 − 30.
    expect(compare.children[0]).toMatchObject({ unit: { code: LAN, name: "Nguyễn Thị Lan", kind: "official" }, n: MIN_SAMPLE, satisfied: null, protected: true });
  });

  it("are never listed for viewers", async () => {
    expect(await childCodes(viewer)).toEqual([]);
  });

  it("cannot be asked for directly by viewers, at any figures endpoint", async () => {
    for (const path of ["/stats/trend", "/stats/compare", "/stats/distribution", "/stats/elements", "/exports/trend.csv", "/exports/responses.csv"]) {
      const res = await viewer.get(`${path}?unit=${LAN}`);
      expect(res.status, path).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "officials_restricted" } });
      expect((await manager.get(`${path}?unit=${LAN}`)).status, path).toBe(200);
    }
  });

  it("are suppressed below the minimum sample even for managers", async () => {
    const trend = (await (await manager.get(`/stats/trend?unit=${MINH}&bucket=quarter`)).json()) as any;
    const point = trend.points.find((p: { n: number }) => p.n > 0);
    expect(point).toMatchObject({ n: MIN_SAMPLE - 1, satisfied: null, share: null, lower: null, upper: null, mean: null });
  });

  it("still count in their desk's and commune's figures, which viewers see", async () => {
    const res = await viewer.get(`/stats/compare?unit=${COMMUNE}`);
    const body = (await res.json()) as any;
    expect(body.children).toEqual([expect.objectContaining({ unit: { code: DESK, name: "Bộ phận tiếp nhận và trả kết quả", kind: "desk" }, n: 2 * MIN_SAMPLE - 1 })]);
  });
});

describe.each([
  ["named in the answer", { unit: COMMUNE, official: LAN }, COMMUNE],
  ["given at the official's own page", { unit: LAN }, DESK],
])("complaints about an official, %s", (_, at, servedBy) => {
  const REASON = "Cán bộ Lan nói chuyện thiếu tôn trọng";
  let id: string;
  beforeAll(async () => {
    const body = answerSet({ ...at, survey: "sipas", answers: { overall: 1 }, reason: REASON });
    expect((await postResponse(body, { "cf-connecting-ip": someAddress() })).status).toBe(201);
    id = body.id;
  });

  const inbox = async (client: Client) =>
    ((await (await client.get(`/feedback?unit=${COMMUNE}&limit=200`)).json()) as { items: { id: string; unit: { code: string }; official: { name: string } | null }[] }).items;

  it("are in the managers' inbox with the official's name, and in no viewer's", async () => {
    expect((await inbox(manager)).find((i) => i.id === id)).toMatchObject({ unit: { code: servedBy }, official: { code: LAN, name: "Nguyễn Thị Lan" } });
    const seen = await inbox(viewer);
    expect(seen.find((i) => i.id === id)).toBeUndefined();
    expect(seen.every((i) => i.official === null)).toBe(true);
  });

  it("keep their text out of a viewer's answers export", async () => {
    const row = async (client: Client) => (await (await client.get(`/exports/responses.csv?unit=${COMMUNE}`)).text()).split("\r\n").find((line) => line.startsWith(id)) ?? "";
    expect(await row(manager)).toContain(REASON);
    const viewed = await row(viewer);
    expect(viewed).not.toBe("");
    expect(viewed).not.toContain(REASON);
  });
});
