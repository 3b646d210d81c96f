import { describe, expect, it } from "vitest";
import { describePolicy, requiredApprovals } from "./policy";

describe("who must approve a change request", () => {
  it("needs only an ML lead when no workflow is high risk", () => {
    expect(requiredApprovals([])).toEqual([{ role: "ml_lead", count: 1 }]);
    expect(requiredApprovals(["minimal"])).toEqual([{ role: "ml_lead", count: 1 }]);
    expect(requiredApprovals(["limited"])).toEqual([{ role: "ml_lead", count: 1 }]);
    expect(requiredApprovals(["minimal", "limited", "limited"])).toEqual([{ role: "ml_lead", count: 1 }]);
  });

  it("adds compliance when any workflow is high risk", () => {
    const both = [
      { role: "ml_lead", count: 1 },
      { role: "compliance", count: 1 },
    ];
    expect(requiredApprovals(["high"])).toEqual(both);
    expect(requiredApprovals(["minimal", "high"])).toEqual(both);
    expect(requiredApprovals(["high", "limited", "high"])).toEqual(both);
  });

  it("never asks for any other role", () => {
    for (const classes of [[], ["minimal"], ["limited"], ["high"], ["minimal", "limited", "high"]] as const) {
      for (const p of requiredApprovals(classes)) expect(["ml_lead", "compliance"]).toContain(p.role);
    }
  });
});

describe("describePolicy", () => {
  it("reads as who must approve", () => {
    expect(describePolicy(requiredApprovals(["limited"]))).toBe("1 ML lead");
    expect(describePolicy(requiredApprovals(["high"]))).toBe("1 ML lead and 1 Compliance");
    expect(describePolicy([{ role: "ml_lead", count: 2 }])).toBe("2 ML lead");
    expect(describePolicy([])).toBe("");
  });
});
