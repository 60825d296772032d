import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../scripts/registry-migrations.ts";

describe("generated data migrations", () => {
  it.each(Object.entries(MIGRATIONS))("%s matches its source (run npm run gen:migrations)", (path, make) => {
    expect(readFileSync(path, "utf8")).toBe(make());
  });

  it.each(["catalog", "province"])("gives the %s databases the whole official registry: 34 provinces and 3,321 communes", (kind) => {
    const sql = readFileSync(`migrations/${kind}/0002_unit_registry.sql`, "utf8");
    expect(sql.match(/'province', 'VN'\)/g)).toHaveLength(34);
    expect(sql.match(/'(xa|phuong|dac_khu)', '\d{2}'\)/g)).toHaveLength(3321);
  });
});
