import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "../../worker/domain/csv.ts";
import { webOrigin } from "../../worker/domain/origin-list.ts";
import { hashPassword, verifyPassword } from "../../worker/domain/password.ts";
import { addDays, bucketStart, bucketStarts, resolvePeriod } from "../../worker/domain/period.ts";
import { ABSOLUTE_MS, IDLE_MS, expiryAfterUse, refreshedExpiry } from "../../worker/domain/session.ts";
import { figure, levelCounts, minSampleFrom, NO_COUNTS } from "../../worker/domain/stats.ts";
import { fold, searchUnits } from "../../worker/domain/unit-search.ts";

const day = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe("buckets", () => {
  it("start weeks on Monday, months on the 1st, quarters in January, April, July, October", () => {
    expect(bucketStart("2025-11-30", "week")).toBe("2025-11-24"); // a Sunday
    expect(bucketStart("2025-12-01", "week")).toBe("2025-12-01"); // a Monday
    expect(bucketStart("2026-01-01", "week")).toBe("2025-12-29"); // across a year
    expect(bucketStart("2025-02-28", "month")).toBe("2025-02-01");
    expect(bucketStart("2025-03-31", "quarter")).toBe("2025-01-01");
    expect(bucketStart("2025-04-01", "quarter")).toBe("2025-04-01");
    expect(bucketStart("2025-12-31", "quarter")).toBe("2025-10-01");
  });

  it("every day lies in exactly one bucket of its period, which starts on or before it", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 400 }), fc.constantFrom("day", "week", "month", "quarter" as const), (from, length, bucket) => {
        const to = addDays(from, length);
        const starts = bucketStarts(from, to, bucket);
        expect(starts[0]).toBe(bucketStart(from, bucket));
        expect(new Set(starts).size).toBe(starts.length);
        for (let d = from; d <= to; d = addDays(d, 1 + Math.floor(length / 20))) {
          const start = bucketStart(d, bucket);
          expect(starts).toContain(start);
          expect(start <= d).toBe(true);
        }
        expect(starts.at(-1)! <= to).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("defaults to the twelve calendar months up to today in Viet Nam", () => {
    // 20:00 UTC on 31 December is already 1 January in Ha Noi.
    expect(resolvePeriod({}, new Date("2025-12-31T20:00:00Z"))).toEqual({ from: "2025-02-01", to: "2026-01-01" });
    expect(resolvePeriod({ from: "2025-05-01" }, new Date("2025-06-10T00:00:00Z"))).toEqual({ from: "2025-05-01", to: "2025-06-10" });
  });
});

describe("figures", () => {
  it("counts Hài lòng and better on each scale, with the Wilson interval and mean", () => {
    const quick = { ...NO_COUNTS, n: 10, c1: 2, c2: 3, c3: 5, sum: 2 + 6 + 15 };
    const f = figure(quick, 3, 10);
    expect(f).toMatchObject({ n: 10, satisfied: 8, share: 0.8, mean: 2.3 });
    expect(f.lower).toBeCloseTo(0.49, 3);
    expect(f.upper).toBeCloseTo(0.943, 3);
    const sipas = { ...NO_COUNTS, n: 5, c1: 1, c3: 1, c4: 1, c5: 2, sum: 1 + 3 + 4 + 10 };
    expect(figure(sipas, 5, 1)).toMatchObject({ satisfied: 3, share: 0.6 });
  });

  it("suppresses below the minimum sample and for nothing at all", () => {
    expect(figure({ ...NO_COUNTS, n: 29, c3: 29, sum: 87 }, 3, 30)).toEqual({ n: 29, satisfied: null, share: null, lower: null, upper: null, mean: null });
    expect(figure(NO_COUNTS, 3, 1).n).toBe(0);
    expect(levelCounts({ ...NO_COUNTS, n: 2, c3: 2, sum: 6 }, 3, 30).map((l) => l.count)).toEqual([null, null, null]);
    expect(levelCounts({ ...NO_COUNTS, n: 2, c3: 2, sum: 6 }, 3, 2).map((l) => [l.level, l.count])).toEqual([[3, 2], [2, 0], [1, 0]]);
  });

  it("reads the minimum sample from the deployment, 30 when unset or nonsense", () => {
    expect(minSampleFrom("50")).toBe(50);
    expect(minSampleFrom(undefined)).toBe(30);
    expect(minSampleFrom("0")).toBe(30);
    expect(minSampleFrom("abc")).toBe(30);
  });
});

describe("CSV cells", () => {
  it("quotes commas, quotes and line breaks; defuses formulas; leaves numbers and empties alone", () => {
    expect(csvCell('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("-bad")).toBe("'-bad");
    expect(csvCell(-0.5)).toBe("-0.5");
    expect(csvCell(null)).toBe("");
    expect(csvLine(["Hài lòng", 3, undefined])).toBe("Hài lòng,3,\r\n");
  });
});

describe("passwords", () => {
  it("verify the right password only, with a fresh salt each time", async () => {
    const [a, b] = [await hashPassword("mật khẩu dài đủ"), await hashPassword("mật khẩu dài đủ")];
    expect(a).not.toBe(b);
    expect(a).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword("mật khẩu dài đủ", a)).toBe(true);
    expect(await verifyPassword("mật khẩu dài đu", a)).toBe(false);
    expect(await verifyPassword("anything", "plain-text")).toBe(false);
  });
});

describe("session expiry", () => {
  it("ends after the idle time, and never later than a week after login", () => {
    const login = new Date("2026-01-05T01:00:00Z");
    expect(expiryAfterUse(login, login).getTime() - login.getTime()).toBe(IDLE_MS);
    const late = new Date(login.getTime() + ABSOLUTE_MS - 3600_000);
    expect(expiryAfterUse(login, late).getTime()).toBe(login.getTime() + ABSOLUTE_MS);
    // A use a minute after the last refresh writes nothing; one an hour later does.
    const expiry = expiryAfterUse(login, login);
    expect(refreshedExpiry(login, expiry, new Date(login.getTime() + 60_000))).toBeNull();
    expect(refreshedExpiry(login, expiry, new Date(login.getTime() + 3600_000))?.getTime()).toBe(login.getTime() + 3600_000 + IDLE_MS);
  });
});

describe("unit search", () => {
  const units = [
    { code: "00004", name: "Phường Ba Đình", kind: "phuong", parent: "01" },
    { code: "00235", name: "Phường Đống Đa", kind: "phuong", parent: "01" },
    { code: "00040", name: "Xã Ba Vì", kind: "xa", parent: "01" },
  ] as const;

  it("ignores accents, đ and case, ranks codes and word starts first", () => {
    expect(fold("Phường  ĐỐNG Đa")).toBe("phuong dong da");
    expect(searchUnits([...units], "dong da").map((u) => u.code)).toEqual(["00235"]);
    expect(searchUnits([...units], "BA").map((u) => u.code)).toEqual(["00004", "00040"]);
    expect(searchUnits([...units], "0004").map((u) => u.code)).toEqual(["00040"]);
    expect(searchUnits([...units], "00004")[0]?.code).toBe("00004");
    expect(searchUnits([...units], "  ")).toEqual([]);
  });
});

describe("origins", () => {
  it("accepts scheme, host and port, normalized; refuses paths, other schemes and credentials", () => {
    expect(webOrigin.parse("https://UBND.example.vn/")).toBe("https://ubnd.example.vn");
    expect(webOrigin.parse("http://localhost:8080")).toBe("http://localhost:8080");
    for (const bad of ["ubnd.example.vn", "https://a.vn/x", "ftp://a.vn", "https://u:p@a.vn", "https://a.vn/#x", "https://a.vn/?q"]) {
      expect(webOrigin.safeParse(bad).success, bad).toBe(false);
    }
  });
});
