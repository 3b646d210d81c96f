"use client";
// The requester withdraws an open request. The server checks it is theirs and still open.
import { withdrawChangeRequestAction } from "@/app/(app)/approvals/actions";
import { FormAlert } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

export function WithdrawForm({ id, version }: { id: string; version: number }) {
  const { state, formAction, pending } = useFormAction(withdrawChangeRequestAction);
  return (
    <form action={formAction} className="space-y-2" onSubmit={(e) => !confirm("Withdraw this request? It stays on record as withdrawn.") && e.preventDefault()}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      {state.status === "error" && <FormAlert>{state.message}</FormAlert>}
      <button type="submit" className="btn-danger" disabled={pending}>
        {pending ? "Withdrawing…" : "Withdraw request"}
      </button>
    </form>
  );
}
