// The catalog's rule for editing a model (docs/lifecycle.md), pure: only an engineer edits, and only a
// model still in testing has its facts edited; anything later changes through a change request. The
// service refuses with `message`; the model and edit pages show `toViewer` in place of the Edit link.
import type { ModelStatus } from "./model-vocabulary";

export interface EditRefusal {
  code: "forbidden" | "rule_violation";
  rule: string;
  message: string;
  toViewer: string;
}

export function editRefusal(model: { name: string; status: ModelStatus }, mayEdit: boolean): EditRefusal | null {
  if (!mayEdit)
    return {
      code: "forbidden",
      rule: "edit_permission_required",
      message: "Your roles do not allow model:edit.",
      toViewer: "Editing models is for engineers.",
    };
  if (model.status !== "testing") {
    return {
      code: "rule_violation",
      rule: "edit_only_in_testing",
      message: `Only models in testing can be edited; this one is ${model.status}. Changes to it go through a change request.`,
      toViewer: `${model.name} is ${model.status}: only models in testing can be edited.`,
    };
  }
  return null;
}
