import { describe, expect, it } from "vitest";
import { type ApprovalPayload, payloadJson, policyJson, readPolicy, typedColumns, withTypedColumns } from "./stored-request";

const approval: ApprovalPayload = {
  role: "fallback",
  maxCostPerTaskUsd: 0.03,
  languages: ["en"],
  fallbackModelId: null,
  validUntil: "2027-01-01T00:00:00.000Z",
};

describe("the stored policy", () => {
  it("reads back what was written", () => {
    const policy = [
      { role: "ml_lead" as const, count: 1 },
      { role: "compliance" as const, count: 1 },
    ];
    expect(readPolicy(policyJson(policy) as never)).toEqual(policy);
  });

  it("refuses a shape the rules cannot read, as a fault in the data", () => {
    expect(() => readPolicy([{ role: "root", count: 1 }])).toThrow(/policy does not have the expected shape: 0\.role/);
    expect(() => readPolicy([])).toThrow(/policy/);
    expect(() => readPolicy(null)).toThrow(/policy/);
  });
});

describe("the stored payload", () => {
  const policy = [{ role: "ml_lead", count: 1 }];
  it("reads an approval's grant and a status change's workflows by the request's kind", () => {
    expect(typedColumns({ kind: "approval", payload: payloadJson(approval) as never, policy })).toEqual({ kind: "approval", policy, payload: approval });
    expect(typedColumns({ kind: "status_change", payload: payloadJson({ workflowIds: ["w-1"] }) as never, policy }).payload).toEqual({ workflowIds: ["w-1"] });
    // Written without workflows, or by hand: for none.
    expect(typedColumns({ kind: "status_change", payload: null, policy }).payload).toEqual({ workflowIds: [] });
    expect(typedColumns({ kind: "bundle_stage", payload: { anything: 1 }, policy }).payload).toEqual({ anything: 1 });
  });

  it("keeps the rest of the row, so the kind narrows the payload", () => {
    const row = withTypedColumns({ id: "r-1", kind: "approval" as "approval" | "status_change", payload: payloadJson(approval) as never, policy });
    expect(row.id).toBe("r-1");
    if (row.kind === "approval") expect(row.payload.role).toBe("fallback");
  });

  it("refuses an approval payload without what it grants", () => {
    expect(() => typedColumns({ kind: "approval", payload: { role: "primary" }, policy })).toThrow(/approval payload/);
    expect(() => payloadJson({ ...approval, role: "owner" } as never)).toThrow(/approval payload/);
  });
});
