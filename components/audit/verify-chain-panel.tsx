"use client";
// Verifies the hash chain on demand (the whole trail, every hash recomputed on the server) and, with a
// head saved earlier, that the trail still reaches it. The head itself is downloaded from the API.
import Link from "next/link";
import { verifyAuditChainAction } from "@/app/(app)/audit/actions";
import { FieldError, FormAlert } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

/** whyNot: why this viewer may not verify (the form is left out), or null. */
export function VerifyChainPanel({ head, whyNot }: { head: { seq: string; hash: string } | null; whyNot: string | null }) {
  const { state, formAction, pending, errorsOf } = useFormAction(verifyAuditChainAction);
  return (
    <section className="card space-y-3" aria-labelledby="verify-heading">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="verify-heading" className="text-lg font-semibold">
            Chain verification
          </h2>
          {head ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Head: event{" "}
              <span className="font-mono" data-testid="chain-head-seq">
                {head.seq}
              </span>
              ,{" "}
              <span className="break-all font-mono text-xs" data-testid="chain-head-hash">
                {head.hash}
              </span>
            </p>
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">The trail is empty.</p>
          )}
        </div>
        {head && (
          <a href="/api/v1/audit/head" className="btn-secondary" download>
            Download chain head
          </a>
        )}
      </div>
      {whyNot ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{whyNot}</p>
      ) : (
        <>
          <form action={formAction} className="flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="head-file" className="block text-sm font-medium">
                Saved head (optional)
              </label>
              <input id="head-file" name="head" type="file" accept="application/json,.json" className="mt-1 text-sm" />
              <FieldError messages={errorsOf("head")} />
            </div>
            <button type="submit" className="btn-primary" disabled={pending}>
              {pending ? "Verifying…" : "Verify the chain"}
            </button>
          </form>
          {pending && (
            <div role="progressbar" aria-label="Verifying the chain" className="h-1 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-700">
              <div className="h-full w-1/3 animate-pulse bg-indigo-500" />
            </div>
          )}
          <div aria-live="polite">
            {state.status === "ok" && state.data && (
              <FormAlert tone={state.data.intact ? "success" : "error"}>
                <span data-testid="verify-result">{state.data.summary}</span>
                {state.data.brokenSeq && (
                  <>
                    {" "}
                    <Link className="link" href={`/audit?before=${BigInt(state.data.brokenSeq) + 1n}`}>
                      Show event {state.data.brokenSeq}
                    </Link>
                  </>
                )}
              </FormAlert>
            )}
            {state.status === "error" && <FormAlert>{state.message}</FormAlert>}
          </div>
        </>
      )}
    </section>
  );
}
