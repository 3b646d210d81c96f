import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import {
  analyticsApiQuery,
  analyticsFiltersToQuery,
  granularityFor,
  makeAnalyticsFiltersSchema,
  previousRange,
  rollupSource,
  rollupWhere,
  searchParamsToAnalyticsInput,
  usageEventWhere,
} from "./rollup-filters";

const NOW = Date.parse("2026-03-10T14:25:00Z");
const schema = makeAnalyticsFiltersSchema(() => NOW);
const parse = (query: string) => parseInput(schema, searchParamsToAnalyticsInput(new URLSearchParams(query)));
const fieldErrorsOf = (query: string) => {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors;
  }
  throw new Error(`"${query}" parsed`);
};

describe("analytics filters", () => {
  it("default to the last 30 days ending at the next hour, with no dimension filter", () => {
    const f = parse("");
    expect(f.to.toISOString()).toBe("2026-03-10T15:00:00.000Z");
    expect(f.from.toISOString()).toBe("2026-02-08T15:00:00.000Z");
    expect(f.preset).toBe("30d");
    expect(f.model).toEqual([]);
  });

  it("read presets, and a date-only `to` as through the end of that day", () => {
    expect(parse("range=24h").from.toISOString()).toBe("2026-03-09T15:00:00.000Z");
    const custom = parse("from=2026-01-01&to=2026-01-31");
    expect(custom.from.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(custom.to.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(custom.preset).toBeNull();
    // Date-times snap outward to whole hours (rollups are hourly).
    const t = parse("from=2026-01-01T10:30:00Z&to=2026-01-01T12:10:00%2B01:00");
    expect([t.from.toISOString(), t.to.toISOString()]).toEqual(["2026-01-01T10:00:00.000Z", "2026-01-01T12:00:00.000Z"]);
  });

  it("take repeated and comma-separated values, without duplicates", () => {
    const f = parse("model=a,b&model=c&model=a&workflow=support-chat&region=eu-west");
    expect(f.model).toEqual(["a", "b", "c"]);
    expect(f.workflow).toEqual(["support-chat"]);
    expect(f.region).toEqual(["eu-west"]);
  });

  it("refuse a range that is backwards, unparseable, impossible or longer than 400 days", () => {
    expect(fieldErrorsOf("from=2026-02-01&to=2026-01-01")).toHaveProperty("from");
    expect(fieldErrorsOf("from=yesterday")).toHaveProperty("from");
    expect(fieldErrorsOf("to=2026-02-30")).toHaveProperty("to");
    expect(fieldErrorsOf("from=2024-01-01&to=2026-01-01")?.from?.[0]).toMatch(/400 days/);
    expect(fieldErrorsOf("range=2w")).toHaveProperty("range");
  });

  it("give the previous period of the same length", () => {
    const f = parse("from=2026-01-08&to=2026-01-14");
    expect(previousRange(f)).toEqual({ from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-08T00:00:00Z") });
  });

  it("round-trip through the query string", () => {
    for (const q of ["range=7d&model=a%2Cb", "from=2026-01-01T00%3A00%3A00.000Z&to=2026-01-05T00%3A00%3A00.000Z&bundle=x"]) {
      expect(analyticsFiltersToQuery(parse(q)).toString()).toBe(q);
    }
  });

  it("pick hourly buckets up to 7 days and daily beyond", () => {
    expect(granularityFor(parse("range=24h"))).toBe("hour");
    expect(granularityFor(parse("range=7d"))).toBe("hour");
    expect(granularityFor(parse("from=2026-01-01&to=2026-01-08"))).toBe("day");
  });
});

describe("rollupWhere", () => {
  it("numbers placeholders from the given index and binds lists as arrays", () => {
    const f = parse("from=2026-01-01&to=2026-01-01&model=a,b&workflow=w"); // one whole day
    const where = rollupWhere(f, 3);
    expect(where.sql).toBe(
      `"UsageRollup"."bucketStart" >= $3::timestamp(3) AND "UsageRollup"."bucketStart" < $4::timestamp(3) AND "UsageRollup"."workflow" = $5 AND "UsageRollup"."model" = ANY($6::text[])`,
    );
    expect(where.params).toEqual(["2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", "w", ["a", "b"]]);
  });

  it("takes another window and alias, and the raw-table version treats null as ''", () => {
    const f = parse("provider=openai");
    const where = rollupWhere(f, 1, { from: new Date("2025-01-01T00:00:00Z"), to: new Date("2025-01-02T00:00:00Z"), alias: "r" });
    expect(where.sql).toContain(`r."bucketStart" >= $1`);
    expect(where.params.slice(0, 2)).toEqual(["2025-01-01T00:00:00.000Z", "2025-01-02T00:00:00.000Z"]);
    expect(usageEventWhere(f, 1, { noRange: true }).sql).toBe(`coalesce("UsageEvent"."provider", '') = $1`);
    expect(usageEventWhere(parse("model=m"), 1, { noRange: true }).sql).toBe(`coalesce("UsageEvent"."responseModel", "UsageEvent"."model") = $1`);
  });
});

describe("rollupSource", () => {
  const tables = (src: { sql: string; params: unknown[] }) =>
    [...src.sql.matchAll(/FROM "(UsageRollup(?:Daily)?)" WHERE "UsageRollup(?:Daily)?"\."bucketStart" >= (\$\d+)::timestamp\(3\) AND "UsageRollup(?:Daily)?"\."bucketStart" < (\$\d+)/g)].map(
      ([, table, a, b]) => [table, src.params[Number(a.slice(1)) - 1], src.params[Number(b.slice(1)) - 1]],
    );

  it("reads whole days from the daily table and the partial days at both ends from the hourly one", () => {
    const f = parse("from=2026-01-01T15:00:00Z&to=2026-01-04T09:00:00Z&model=m");
    expect(tables(rollupSource(f, [f]))).toEqual([
      ["UsageRollup", "2026-01-01T15:00:00.000Z", "2026-01-02T00:00:00.000Z"],
      ["UsageRollupDaily", "2026-01-02T00:00:00.000Z", "2026-01-04T00:00:00.000Z"],
      ["UsageRollup", "2026-01-04T00:00:00.000Z", "2026-01-04T09:00:00.000Z"],
    ]);
  });

  it("keeps to hourly rows inside one day, for hourly charts, and never lets a piece cross a range's edge", () => {
    const within = parse("from=2026-01-01T03:00:00Z&to=2026-01-01T20:00:00Z");
    expect(tables(rollupSource(within, [within]))).toEqual([["UsageRollup", "2026-01-01T03:00:00.000Z", "2026-01-01T20:00:00.000Z"]]);
    const week = parse("from=2026-01-01&to=2026-01-07");
    expect(tables(rollupSource(week, [week], 1, { hourlyOnly: true }))).toEqual([["UsageRollup", "2026-01-01T00:00:00.000Z", "2026-01-08T00:00:00.000Z"]]);
    const previous = previousRange(week);
    expect(tables(rollupSource(week, [previous, week])).map(([t]) => t)).toEqual(["UsageRollupDaily", "UsageRollupDaily"]);
  });
});

describe("analyticsApiQuery", () => {
  it("keeps only the filter parameters, in a fixed order, lists joined", () => {
    expect(analyticsApiQuery(new URLSearchParams("wsort=costUsd&model=b&range=7d&model=a&x=1&workflow="))).toBe("range=7d&model=b%2Ca");
    expect(analyticsApiQuery({ to: "2026-01-02", from: "2026-01-01", region: ["eu", "us"] })).toBe("from=2026-01-01&to=2026-01-02&region=eu%2Cus");
  });
});
