"use server";
// Browser forms of the change-request service: open, decide, withdraw. Every rule (who may decide, one
// person once, the version guard) is checked by lib/approvals; these only carry the form through the
// action helper and say where to go next.
import { decideChangeRequest, openChangeRequest, withdrawChangeRequest } from "@/lib/approvals/change-request-service";
import { handleForm } from "@/lib/server/action";
import type { FormState } from "@/lib/server/form-state";

export async function openChangeRequestAction(_prev: FormState, form: FormData): Promise<FormState> {
  return handleForm(form, {
    // Evidence and the workflows a status change is for are checkboxes: lists even with one ticked.
    lists: ["evidence", "workflows"],
    run: (input, { prisma, actor }) => openChangeRequest(prisma, actor, input),
    revalidate: ["/approvals"],
    redirectTo: ({ request }) => `/approvals/${request.id}?done=opened`,
  });
}

export async function decideChangeRequestAction(_prev: FormState, form: FormData): Promise<FormState> {
  return handleForm(form, {
    run: (input, { prisma, actor }) => decideChangeRequest(prisma, actor, input),
    revalidate: ["/approvals", ["/models", "layout"], ["/workflows", "layout"]],
    redirectTo: (decided, input) =>
      `/approvals/${decided.id}?done=${input.decision === "reject" ? "rejected" : decided.state === "applied" ? "applied" : "recorded"}`,
  });
}

export async function withdrawChangeRequestAction(_prev: FormState, form: FormData): Promise<FormState> {
  return handleForm(form, {
    run: (input, { prisma, actor }) => withdrawChangeRequest(prisma, actor, input),
    revalidate: ["/approvals"],
    redirectTo: (withdrawn) => `/approvals/${withdrawn.id}?done=withdrawn`,
  });
}
