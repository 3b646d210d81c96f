// The change-request forms' fields, read the way the action helper reads every form (readForm with the
// checkbox lists the open action names), parse to what the service expects.
import { describe, expect, it } from "vitest";
import { readForm } from "@/lib/server/form-input";
import { parseInput } from "@/lib/validation";
import { changeRequestInput, decisionInput } from "./change-request-input";

const RUN = "11111111-1111-4111-8111-111111111111";
const MODEL = "22222222-2222-4222-8222-222222222222";
const form = (fields: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
};

describe("the new-request form", () => {
  it("gives one ticked evidence run as a list, and blank optional fields as not given", () => {
    const input = readForm(
      form([
        ["kind", "approval"],
        ["modelId", MODEL],
        ["workflow", "support-chat"],
        ["role", "fallback"],
        ["maxCostPerTaskUsd", ""],
        ["languages", "en, DE"],
        ["fallbackModelId", ""],
        ["validUntil", ""],
        ["evidence", RUN],
        ["justification", "Passes the suite at half the cost."],
      ]),
      ["evidence", "workflows"],
    );
    expect(parseInput(changeRequestInput, input)).toEqual({
      kind: "approval",
      modelId: MODEL,
      workflow: "support-chat",
      role: "fallback",
      languages: ["en", "de"],
      evidence: [RUN],
      justification: "Passes the suite at half the cost.",
    });
  });

  it("gives a status change with no workflow ticked an empty list", () => {
    const input = readForm(
      form([
        ["kind", "status_change"],
        ["modelId", MODEL],
        ["toStatus", "approved"],
        ["justification", "Ready for every workflow it serves."],
      ]),
      ["evidence", "workflows"],
    );
    expect(parseInput(changeRequestInput, input)).toMatchObject({ kind: "status_change", toStatus: "approved", workflows: [], evidence: [] });
  });
});

describe("the decide form", () => {
  it("carries the pressed button's decision and the version it was shown", () => {
    const input = readForm(
      form([
        ["id", MODEL],
        ["version", "3"],
        ["comment", "  "],
        ["decision", "approve"],
      ]),
    );
    expect(parseInput(decisionInput, input)).toEqual({ id: MODEL, version: 3, decision: "approve" });
  });
});
