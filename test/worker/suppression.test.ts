import { beforeAll, describe, expect, it } from "vitest";
import { addUnits } from "../../worker/db/units.ts";
import { loginAs, type Client } from "./accounts.ts";
import { answerSet, postResponse, store } from "./helpers.ts";

/*
 * No figure below the minimum sample can be had by subtracting figures that are shown: a
 * province and its communes, a desk and its officials.
 */

type Row = { unit: { code: string }; n: number; satisfied: number | null; share: number | null; protected: boolean };
type Compare = { total: { n: number; satisfied: number | null }; children: Row[] };

async function answers(unit: string, satisfied: number, unhappy: number, extra: object = {}) {
  for (let i = 0; i < satisfied + unhappy; i++) {
    const res = await postResponse(answerSet({ unit, answers: { overall: i < satisfied ? 3 : 1 }, ...extra }), { "cf-connecting-ip": `192.0.2.${i % 200}` });
    expect(res.status).toBe(201);
  }
}

/** What subtraction gives for the children not shown: the province's answers left over. */
const leftOver = (c: Compare) => {
  const shown = c.children.filter((r) => r.share !== null);
  return { n: c.total.n - shown.reduce((n, r) => n + r.n, 0), satisfied: c.total.satisfied! - shown.reduce((k, r) => k + r.satisfied!, 0) };
};

describe("complementary suppression", () => {
  let viewer: Client;
  beforeAll(async () => {
    // Cao Bằng: 48 answers (40 satisfied), 36 (24) and 6 (5): 90 in the province.
    await answers("01273", 40, 8);
    await answers("01279", 24, 12);
    await answers("01288", 5, 1);
    viewer = await loginAs("viewer", "04");
  }, 60_000);

  it("hides the smallest commune shown so that the one below the minimum cannot be read by subtraction", async () => {
    const compare = (await (await viewer.get("/stats/compare?unit=04")).json()) as Compare;
    expect(compare.total).toMatchObject({ n: 90, satisfied: 69 });
    const byCode = Object.fromEntries(compare.children.map((r) => [r.unit.code, r]));
    expect(byCode["01273"]).toMatchObject({ n: 48, satisfied: 40, protected: false });
    expect(byCode["01288"]).toMatchObject({ n: 6, satisfied: null, protected: false });
    // Without the rule, 69 − 40 − 24 = 5 of 6: the small commune's figure exactly.
    expect(byCode["01279"]).toMatchObject({ n: 36, satisfied: null, share: null, protected: true });
    expect(leftOver(compare).n).toBeGreaterThanOrEqual(30);
  });
});

describe("the officials of a desk", () => {
  let manager: Client;
  beforeAll(async () => {
    await addUnits(store(), [
      { code: "01290-tn", name: "Bộ phận một cửa", kind: "desk", parent: "01290" },
      ...["an", "binh", "chi"].map((o, i) => ({ code: `01290-tn-${o}`, name: `Công chức ${i + 1}`, kind: "official" as const, parent: "01290-tn" })),
    ]);
    // 45 answers for An, 35 for Bình, 4 for Chi: 84 at the desk.
    await answers("01290", 40, 5, { survey: "sipas", official: "01290-tn-an" });
    await answers("01290", 30, 5, { survey: "sipas", official: "01290-tn-binh" });
    await answers("01290", 1, 3, { survey: "sipas", official: "01290-tn-chi" });
    manager = await loginAs("manager", "01290");
  }, 60_000);

  it("leaves no official's hidden figure to be read from the desk's", async () => {
    const compare = (await (await manager.get("/stats/compare?unit=01290-tn")).json()) as Compare;
    expect(compare.total.n).toBe(84);
    // Chi (4 answers) is not listed; showing both An and Bình would leave Chi's 1 of 4.
    const listed = compare.children.map((r) => [r.unit.code, r.share === null ? "hidden" : "shown"]);
    expect(listed).toEqual([
      ["01290-tn-an", "shown"],
      ["01290-tn-binh", "hidden"],
    ]);
    expect(leftOver(compare).n).toBeGreaterThanOrEqual(30);
  });
});
