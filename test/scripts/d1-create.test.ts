import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { d1Blocks, databaseIdFrom, idFromList, isPlaceholderId, placeholderBlocks, withDatabaseId } from "../../scripts/d1-create.ts";
import { migrationOrder } from "../../scripts/deploy.ts";

const toml = readFileSync("wrangler.toml", "utf8");
const PROVINCES = ["01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37", "38", "40",
  "42", "44", "46", "48", "51", "52", "56", "66", "68", "75", "79", "80", "82", "86", "91", "92", "96"];
const NEW_ID = "96c8eaba-782a-4be4-af3c-219dd9b0c2db";

/** wrangler.toml with every placeholder but those of the bindings in left replaced by a made-up real id. */
function created(...left: string[]): string {
  return placeholderBlocks(toml)
    .filter((b) => !left.includes(b.binding))
    .reduce((t, b, i) => withDatabaseId(t, b.binding, `3f1c9a52-7b0e-4d6a-9c21-${String(i).padStart(12, "a")}`), toml);
}

// What wrangler 4.164 prints (src/d1/create.ts, src/utils/add-created-resource-config.ts), as
// captured from it against a stand-in API: banner, the result line, then a config snippet in
// the config file's format (TOML for wrangler.toml).
const CREATED_TOML = `
 ⛅️ wrangler 4.164.0
────────────────────
✅ Successfully created DB 'hailong-01' in region APAC
Created your new D1 database.

To access your new D1 Database in your Worker, add the following snippet to your configuration file:
[[d1_databases]]
binding = "hailong_01"
database_name = "hailong-01"
database_id = "${NEW_ID}"
`;

const CREATED_JSON = `
 ⛅️ wrangler 4.164.0
────────────────────
✅ Successfully created DB 'hailong-catalog' using primary location hint apac
Created your new D1 database.

To access your new D1 Database in your Worker, add the following snippet to your configuration file:
{
  "d1_databases": [
    {
      "binding": "hailong_catalog",
      "database_name": "hailong-catalog",
      "database_id": "${NEW_ID}"
    }
  ]
}
`;

const ALREADY_EXISTS = `
 ⛅️ wrangler 4.164.0
────────────────────

\u001b[31m✘ \u001b[41;31m[\u001b[41;97mERROR\u001b[41;31m]\u001b[0m \u001b[1mA database with that name already exists\u001b[0m

🪵  Logs were written to "/home/lan/.config/.wrangler/logs/wrangler-2026-12-02_02-44-18_524.log"
`;

const LIST_JSON = `[
  {
    "uuid": "3f1c9a52-7b0e-4d6a-9c21-8e5f0b7a4d13",
    "name": "hailong-04",
    "created_at": "2026-11-20T08:00:00.000Z",
    "version": "production",
    "num_tables": 0,
    "file_size": 12288
  },
  {
    "uuid": "${NEW_ID}",
    "name": "hailong-01",
    "created_at": "2026-12-02T02:44:11.592Z",
    "version": "production",
    "num_tables": 0,
    "file_size": 0
  }
]
`;

describe("wrangler.toml's D1 blocks", () => {
  it("finds the catalog and the 34 provinces, all still placeholders", () => {
    const blocks = placeholderBlocks(toml);
    expect(blocks).toHaveLength(35);
    expect(blocks[0]).toEqual({ binding: "CATALOG", databaseName: "hailong-catalog", databaseId: "00000000-0000-0000-0000-000000000000" });
    expect(blocks.slice(1)).toEqual(
      PROVINCES.map((code) => ({ binding: `PROVINCE_${code}`, databaseName: `hailong-${code}`, databaseId: `00000000-0000-0000-0000-0000000000${code}` })),
    );
  });

  it("tells placeholders from real ids", () => {
    expect(isPlaceholderId("00000000-0000-0000-0000-000000000000")).toBe(true);
    expect(isPlaceholderId("00000000-0000-0000-0000-000000000096")).toBe(true);
    expect(isPlaceholderId(NEW_ID)).toBe(false);
    expect(isPlaceholderId("00000000-0000-0000-0000-000000000100")).toBe(false);
  });

  it("reads no block from other tables ([assets], [[ratelimits]])", () => {
    expect(d1Blocks(toml).map((b) => b.binding)).not.toContain("ASSETS");
  });
});

describe("withDatabaseId", () => {
  it("changes exactly the database_id line of that binding", () => {
    const before = toml.split("\n");
    const after = withDatabaseId(toml, "PROVINCE_48", NEW_ID).split("\n");
    expect(after).toHaveLength(before.length);
    const changed = before.flatMap((line, i) => (line === after[i] ? [] : [i]));
    expect(changed).toHaveLength(1);
    const i = changed[0]!;
    expect(before[i]).toBe('database_id = "00000000-0000-0000-0000-000000000048"');
    expect(after[i]).toBe(`database_id = "${NEW_ID}"`);
    expect(before[i - 2]).toBe('binding = "PROVINCE_48"');
  });

  it("leaves that block no longer a placeholder, and the others as they were", () => {
    const after = withDatabaseId(toml, "CATALOG", NEW_ID);
    expect(placeholderBlocks(after).map((b) => b.binding)).toEqual(PROVINCES.map((c) => `PROVINCE_${c}`));
    expect(d1Blocks(after)[0]?.databaseId).toBe(NEW_ID);
  });

  it("keeps CRLF line ends and trailing comments", () => {
    const crlf = '[[d1_databases]]\r\nbinding = "CATALOG"\r\ndatabase_name = "hailong-catalog"\r\ndatabase_id = "00000000-0000-0000-0000-000000000000" # placeholder\r\n';
    expect(withDatabaseId(crlf, "CATALOG", NEW_ID)).toBe(crlf.replace("00000000-0000-0000-0000-000000000000", NEW_ID));
  });

  it("refuses an unknown binding or an id that is not a UUID", () => {
    expect(() => withDatabaseId(toml, "PROVINCE_99", NEW_ID)).toThrow(/PROVINCE_99/);
    expect(() => withDatabaseId(toml, "CATALOG", "hailong-catalog")).toThrow(/not a D1 database id/);
  });
});

describe("databaseIdFrom", () => {
  it("reads the id from the TOML snippet wrangler prints for a wrangler.toml", () => {
    expect(databaseIdFrom(CREATED_TOML)).toBe(NEW_ID);
  });

  it("reads the id from the JSON snippet it prints for a wrangler.jsonc", () => {
    expect(databaseIdFrom(CREATED_JSON)).toBe(NEW_ID);
  });

  it("falls back to the first UUID that is no placeholder", () => {
    expect(databaseIdFrom(`database_id = "00000000-0000-0000-0000-000000000001"\nuuid: ${NEW_ID}`)).toBe(NEW_ID);
    expect(databaseIdFrom(`Created DB with id ${NEW_ID.toUpperCase()}`)).toBe(NEW_ID.toUpperCase());
  });

  it("finds nothing in a failure", () => {
    expect(databaseIdFrom(ALREADY_EXISTS)).toBeUndefined();
  });
});

describe("idFromList", () => {
  it("finds an existing database by name in `wrangler d1 list --json`", () => {
    expect(idFromList(LIST_JSON, "hailong-01")).toBe(NEW_ID);
    expect(idFromList(LIST_JSON, "hailong-04")).toBe("3f1c9a52-7b0e-4d6a-9c21-8e5f0b7a4d13");
    expect(idFromList(LIST_JSON, "hailong-96")).toBeUndefined();
    expect(idFromList("[]", "hailong-01")).toBeUndefined();
  });

  it("says so when wrangler printed no list", () => {
    expect(() => idFromList("✘ [ERROR] Not logged in", "hailong-01")).toThrow(/no JSON list/);
  });
});

describe("the deploy guard", () => {
  it("refuses while any database_id is a placeholder", () => {
    expect(() => migrationOrder(toml)).toThrow(/35 D1 database\(s\).*run npm run d1:create first/);
    expect(() => migrationOrder(created("PROVINCE_96"))).toThrow(/1 D1 database\(s\).*\(PROVINCE_96\): run npm run d1:create first/);
  });

  it("migrates the catalog first, then every province in wrangler.toml's order", () => {
    expect(migrationOrder(created())).toEqual(["CATALOG", ...PROVINCES.map((c) => `PROVINCE_${c}`)]);
  });
});
