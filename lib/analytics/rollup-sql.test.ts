// The SQL the analytics filters mean: placeholders, aliases, and which table each piece of a range reads.
import { describe, expect, it } from "vitest";
import { parseInput } from "@/lib/validation";
import { makeAnalyticsFiltersSchema, previousRange, searchParamsToAnalyticsInput } from "./rollup-filters";
import { rollupSource, rollupWhere, usageEventWhere } from "./rollup-sql";

const NOW = Date.parse("2026-03-10T14:25:00Z");
const schema = makeAnalyticsFiltersSchema(() => NOW);
const parse = (query: string) => parseInput(schema, searchParamsToAnalyticsInput(new URLSearchParams(query)));

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
    [
      ...src.sql.matchAll(
        /FROM "(UsageRollup(?:Daily)?)" WHERE "UsageRollup(?:Daily)?"\."bucketStart" >= (\$\d+)::timestamp\(3\) AND "UsageRollup(?:Daily)?"\."bucketStart" < (\$\d+)/g,
      ),
    ].map(([, table, a, b]) => [table, src.params[Number(a.slice(1)) - 1], src.params[Number(b.slice(1)) - 1]]);

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
