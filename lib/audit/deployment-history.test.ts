import { describe, expect, it } from "vitest";
import { deploymentHistory } from "./deployment-history";

const bundle = { id: "b1", major: 2, minor: 1, patch: 0, workflow: { name: "Support chat" } };
const change = (id: string, toStage: string, day: number, applied = true) => ({
  id,
  bundleId: "b1",
  toStage,
  state: applied ? "applied" : "rejected",
  createdAt: new Date(Date.UTC(2026, 10, day)),
  appliedAt: applied ? new Date(Date.UTC(2026, 10, day, 12)) : null,
  justification: `to ${toStage}`,
  requester: { email: "engineer@warden.test" },
});

describe("deploymentHistory", () => {
  it("follows a bundle from staging through its applied stage changes, naming rollbacks", () => {
    const steps = deploymentHistory(
      [bundle],
      [change("3", "active", 3), change("1", "shadow", 1), change("2", "canary", 2), change("4", "canary", 4), change("5", "deprecated", 5)],
    );
    expect(steps.map((s) => [s.from, s.to, s.kind])).toEqual([
      ["staging", "shadow", "rollout"],
      ["shadow", "canary", "rollout"],
      ["canary", "active", "rollout"],
      ["active", "canary", "rollback"],
      ["canary", "deprecated", "retirement"],
    ]);
    expect(steps[0]).toMatchObject({ bundle: "2.1.0", workflow: "Support chat", by: "engineer@warden.test" });
  });

  it("lists a change that was not applied without moving the bundle", () => {
    const steps = deploymentHistory([bundle], [change("1", "canary", 1, false), change("2", "shadow", 2)]);
    expect(steps.map((s) => [s.from, s.to, s.kind])).toEqual([
      ["staging", "canary", "not applied"],
      ["staging", "shadow", "rollout"],
    ]);
  });
});
