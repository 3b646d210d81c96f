"use server";
import { verifyWithUploadedHead, type VerifyResult } from "@/lib/audit/verify";
import { handleForm } from "@/lib/server/action";
import type { FormState } from "@/lib/server/form-state";

/** Recomputes the whole hash chain; with a saved head file, also checks the trail still reaches it. */
export async function verifyAuditChainAction(_prev: FormState<VerifyResult>, form: FormData): Promise<FormState<VerifyResult>> {
  return handleForm(form, {
    run: (input, { prisma, actor }) => verifyWithUploadedHead(prisma, actor, input.head instanceof File ? input.head : undefined),
    ok: (result) => ({ data: result }),
  });
}
