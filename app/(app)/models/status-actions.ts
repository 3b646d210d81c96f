"use server";
// Direct status changes from the model page, one action per permission so each is declared once in
// lib/authz/operations.ts: disable (ML lead or compliance), retire (compliance or admin), and the ML
// lead's other moves (→ fallback only, → deprecated, disabled → testing). lib/lifecycle/status-service
// checks the transition, its preconditions, the role and the version; these only carry the form.
import { DomainError } from "@/lib/errors";
import { changeModelStatus } from "@/lib/lifecycle/status-service";
import { handleForm } from "@/lib/server/action";
import type { FormState } from "@/lib/server/form-state";

type Target = "disabled" | "retired" | "other";

function changeStatus(form: FormData, target: Target): Promise<FormState> {
  return handleForm(form, {
    run: (input, { prisma, actor }) => {
      // Each action makes only its own kind of move; the service checks the rest.
      if (target !== "other" && input.to !== target) throw new DomainError("validation", `This form only moves a model to ${target}.`);
      if (target === "other" && (input.to === "disabled" || input.to === "retired"))
        throw new DomainError("validation", `Use the ${input.to === "disabled" ? "disable" : "retire"} form for this move.`);
      return changeModelStatus(prisma, actor, input);
    },
    revalidate: [
      ["/models", "layout"],
      ["/workflows", "layout"],
      ["/approvals", "layout"],
    ],
    redirectTo: (changed) => `/models/${changed.id}?saved=${changed.to}`,
  });
}

export async function disableModelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return changeStatus(form, "disabled");
}

export async function retireModelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return changeStatus(form, "retired");
}

export async function changeModelStatusAction(_prev: FormState, form: FormData): Promise<FormState> {
  return changeStatus(form, "other");
}
