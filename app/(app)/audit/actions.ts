"use server";
import { parseChainHead } from "@/lib/audit/chain-head";
import { describeVerdict, verifyAuditTrailFor } from "@/lib/audit/verify";
import { currentUser } from "@/lib/auth/current-actor";
import { getPrisma } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";
import type { FormState } from "@/lib/server/form-state";
import { runAction } from "@/lib/server/run-action";

export interface VerifyResult {
  intact: boolean;
  summary: string;
  /** The first broken event, to link to. */
  brokenSeq?: string;
}

/** Recomputes the whole hash chain; with a saved head file, also checks the trail still reaches it. */
export async function verifyAuditChainAction(_prev: FormState<VerifyResult>, form: FormData): Promise<FormState<VerifyResult>> {
  return runAction(async () => {
    const actor = await currentUser();
    const file = form.get("head");
    if (file instanceof File && file.size > 10_000) {
      throw new DomainError("validation", "That file is too large to be a saved head (a head is a JSON file under 1 kB).", { head: ["Not a saved head file"] });
    }
    const headText = file instanceof File && file.size > 0 ? await file.text() : null;
    const savedHead = headText === null ? undefined : parseChainHead(headText);
    const verdict = await verifyAuditTrailFor(await getPrisma(), actor, savedHead);
    const summary = describeVerdict(verdict) + (savedHead && verdict.intact ? ` It reaches the saved head, event ${savedHead.seq}.` : "");
    return { status: "ok", data: { intact: verdict.intact, summary, ...(verdict.intact ? {} : { brokenSeq: verdict.firstBroken.seq.toString() }) } };
  });
}
