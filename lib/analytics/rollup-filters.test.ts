import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import {
  analyticsApiQuery,
  analyticsFiltersToQuery,
  granularityFor,
  makeAnalyticsFiltersSchema,
  previousRange,
  searchParamsToAnalyticsInput,
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

describe("analyticsApiQuery", () => {
  it("keeps only the filter parameters, in a fixed order, lists joined", () => {
    expect(analyticsApiQuery(new URLSearchParams("wsort=costUsd&model=b&range=7d&model=a&x=1&workflow="))).toBe("range=7d&model=b%2Ca");
    expect(analyticsApiQuery({ to: "2026-01-02", from: "2026-01-01", region: ["eu", "us"] })).toBe("from=2026-01-01&to=2026-01-02&region=eu%2Cus");
  });
});
