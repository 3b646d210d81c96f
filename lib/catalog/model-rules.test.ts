import { describe, expect, it } from "vitest";
import { editRefusal } from "./model-rules";
import { MODEL_STATUSES } from "./model-vocabulary";

describe("editRefusal", () => {
  it("lets an engineer edit a model in testing, and nothing later", () => {
    expect(editRefusal({ name: "M", status: "testing" }, true)).toBeNull();
    for (const status of MODEL_STATUSES.filter((s) => s !== "testing")) {
      expect(editRefusal({ name: "M", status }, true)).toMatchObject({
        code: "rule_violation",
        rule: "edit_only_in_testing",
        message: expect.stringContaining(`this one is ${status}`),
        toViewer: `M is ${status}: only models in testing can be edited.`,
      });
    }
  });

  it("refuses anyone without the edit permission first", () => {
    for (const status of MODEL_STATUSES)
      expect(editRefusal({ name: "M", status }, false)).toMatchObject({ code: "forbidden", toViewer: "Editing models is for engineers." });
  });
});
