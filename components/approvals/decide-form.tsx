"use client";
// Approve or reject a change request with a comment. The server decides whether this person may (not
// their own request, a role still needed, not decided before) and whether the request is still at the
// version shown; a conflict comes back as the server's message.
import { decideChangeRequestAction } from "@/app/(app)/approvals/actions";
import { FieldError, FormAlert } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

export function DecideForm({ id, version, countsAs }: { id: string; version: number; countsAs: string }) {
  const { state, formAction, pending, errorsOf, valueOf } = useFormAction(decideChangeRequestAction);
  const comment = valueOf("comment") ?? "";
  return (
    <form action={formAction} className="space-y-3" noValidate aria-labelledby="decide-heading" key={state.status === "error" ? `error-${comment}` : "initial"}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      {state.status === "error" && <FormAlert>{state.message}</FormAlert>}
      <p className="text-sm text-slate-600 dark:text-slate-400">Your decision counts as the {countsAs} decision.</p>
      <div>
        <label htmlFor="decision-comment" className="block text-sm font-medium">
          Comment
        </label>
        <textarea
          id="decision-comment"
          name="comment"
          rows={3}
          className="input mt-1"
          defaultValue={comment}
          placeholder="What you weighed: the evidence, the deltas, the rules."
          aria-invalid={!!errorsOf("comment")}
          aria-describedby="comment-error"
        />
        <FieldError id="comment-error" messages={errorsOf("comment")} />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="decision" value="approve" className="btn-primary" disabled={pending}>
          Approve
        </button>
        <button type="submit" name="decision" value="reject" className="btn-danger" disabled={pending}>
          Reject
        </button>
        {pending && (
          <span className="self-center text-sm text-slate-500 dark:text-slate-400" role="status">
            Recording…
          </span>
        )}
      </div>
    </form>
  );
}
