import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { driftQuery, parseDriftParams } from "./drift-params";
import { searchParamsToAnalyticsInput } from "./rollup-filters";

const NOW = Date.parse("2026-03-10T14:25:00Z");
const parse = (query: string) => parseDriftParams(searchParamsToAnalyticsInput(new URLSearchParams(query)), NOW);
const fieldErrorsOf = (query: string) => {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof DomainError && error.code === "validation") return error.fieldErrors;
    throw error;
  }
  throw new Error(`"${query}" parsed`);
};

describe("drift parameters", () => {
  it("default to the last 7 days against the 28 days before, thresholds 0.1 / 0.2, 100 calls", () => {
    const p = parse("");
    expect(p.current.to.toISOString()).toBe("2026-03-10T15:00:00.000Z");
    expect(p.current.from.toISOString()).toBe("2026-03-03T15:00:00.000Z");
    expect(p.baseline.to.toISOString()).toBe("2026-03-03T15:00:00.000Z");
    expect(p.baseline.from.toISOString()).toBe("2026-02-03T15:00:00.000Z");
    expect(p.thresholds).toEqual({ watch: 0.1, alert: 0.2 });
    expect(p.minSamples).toBe(100);
    expect(p.sort).toBe("psi");
    expect(p.dir).toBe("desc");
  });

  it("put the baseline just before a given current window and read dates as whole days", () => {
    const p = parse("currentFrom=2026-02-01&currentTo=2026-02-14");
    expect(p.current.from.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(p.current.to.toISOString()).toBe("2026-02-15T00:00:00.000Z");
    expect(p.baseline.to.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(p.baseline.from.toISOString()).toBe("2026-01-04T00:00:00.000Z");
  });

  it("round date-times to whole hours: from down, to up", () => {
    const p = parse("baselineFrom=2026-01-01T10:30:00Z&baselineTo=2026-01-08T10:30:00Z&currentFrom=2026-01-09T00:00:00Z&currentTo=2026-01-10T00:10:00Z");
    expect(p.baseline.from.toISOString()).toBe("2026-01-01T10:00:00.000Z");
    expect(p.baseline.to.toISOString()).toBe("2026-01-08T11:00:00.000Z");
    expect(p.current.to.toISOString()).toBe("2026-01-10T01:00:00.000Z");
  });

  it("refuse thresholds out of order or out of range, bad dates and overlapping windows, naming the field", () => {
    expect(fieldErrorsOf("watch=0.3&alert=0.2")).toHaveProperty("alert");
    expect(fieldErrorsOf("watch=0.25")).toHaveProperty("watch");
    expect(fieldErrorsOf("watch=0")).toHaveProperty("watch");
    expect(fieldErrorsOf("alert=abc")).toHaveProperty("alert");
    expect(fieldErrorsOf("alert=-1")).toHaveProperty("alert");
    expect(fieldErrorsOf("currentFrom=yesterday")).toHaveProperty("currentFrom");
    expect(fieldErrorsOf("currentFrom=2026-02-30")).toHaveProperty("currentFrom");
    expect(fieldErrorsOf("currentFrom=2026-02-10&currentTo=2026-02-01")).toHaveProperty("currentFrom");
    expect(fieldErrorsOf("baselineFrom=2026-02-01&baselineTo=2026-03-05&currentFrom=2026-03-01")).toHaveProperty("baselineTo");
    expect(fieldErrorsOf("minSamples=0")).toHaveProperty("minSamples");
    expect(fieldErrorsOf("sort=colour")).toHaveProperty("sort");
  });

  it("take dimension filters like the overview, and the open row", () => {
    const p = parse("workflow=support-chat,rag-answers&model=gpt-4.1&show=latency&showModel=gpt-4.1&showWorkflow=rag-answers");
    expect(p.filters.workflow).toEqual(["support-chat", "rag-answers"]);
    expect(p.filters.model).toEqual(["gpt-4.1"]);
    expect(p.show).toEqual({ metric: "latency", model: "gpt-4.1", workflow: "rag-answers" });
  });

  it("write links that keep defaults out and a moving window moving", () => {
    const p = parse("alert=0.3&workflow=support-chat");
    expect(driftQuery(p)).toBe("alert=0.3&workflow=support-chat");
    expect(driftQuery(p, { thresholds: { watch: 0.1, alert: 0.25 } })).toBe("alert=0.25&workflow=support-chat");
    const fixed = parse("currentFrom=2026-02-01&currentTo=2026-02-14");
    expect(driftQuery(fixed)).toBe("currentFrom=2026-02-01T00%3A00Z&currentTo=2026-02-15T00%3A00Z");
    // The written link parses back to the same windows.
    const again = parse(driftQuery(fixed));
    expect(again.current).toEqual(fixed.current);
    expect(again.baseline).toEqual(fixed.baseline);
    expect(driftQuery(p, { sort: "model", dir: "asc" })).toContain("sort=model");
    expect(driftQuery(p, { sort: "model", dir: "asc" })).not.toContain("dir=");
  });
});
