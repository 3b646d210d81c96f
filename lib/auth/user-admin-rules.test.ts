import { describe, expect, it } from "vitest";
import { assertChangeAllowed, type PersonState } from "./user-admin-rules";

const people: PersonState[] = [
  { id: "a1", email: "admin@x.test", roles: ["admin"], disabled: false },
  { id: "a2", email: "old-admin@x.test", roles: ["admin"], disabled: true },
  { id: "e1", email: "eng@x.test", roles: ["engineer"], disabled: false },
];
const failure = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return null;
};

describe("administering people", () => {
  it("refuses to take admin away from the last active admin, or to disable them", () => {
    expect(failure(() => assertChangeAllowed(people, { userId: "a1", roles: ["viewer"] }, "e1"))).toMatchObject({ code: "rule_violation", rule: "last_admin" });
    expect(failure(() => assertChangeAllowed(people, { userId: "a1", disabled: true }, "e1"))).toMatchObject({ rule: "last_admin" });
  });

  it("allows it once someone else is an active admin", () => {
    const two = [...people, { id: "a3", email: "new-admin@x.test", roles: ["admin", "compliance"] as const, disabled: false }];
    expect(() => assertChangeAllowed(two, { userId: "a1", roles: ["viewer"] }, "a3")).not.toThrow();
    expect(() => assertChangeAllowed(two, { userId: "a1", disabled: true }, "a3")).not.toThrow();
  });

  it("refuses an admin disabling their own account, and an unknown person", () => {
    const two = [...people, { id: "a3", email: "new-admin@x.test", roles: ["admin"] as const, disabled: false }];
    expect(failure(() => assertChangeAllowed(two, { userId: "a1", disabled: true }, "a1"))).toMatchObject({ rule: "not_self_disable" });
    expect(failure(() => assertChangeAllowed(two, { userId: "nobody", roles: [] }, "a1"))).toMatchObject({ code: "not_found" });
  });

  it("leaves other changes alone", () => {
    expect(() => assertChangeAllowed(people, { userId: "e1", roles: ["engineer", "ml_lead"] }, "a1")).not.toThrow();
    expect(() => assertChangeAllowed(people, { userId: "e1", disabled: true }, "a1")).not.toThrow();
  });
});
