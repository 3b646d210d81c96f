"use client";
// The requester withdraws an open request. The server checks it is theirs and still open.
import { useActionState } from "react";
import { withdrawChangeRequestAction } from "@/app/(app)/approvals/actions";
import { FormAlert } from "@/components/ui/form";
import { IDLE } from "@/lib/server/form-state";

export function WithdrawForm({ id, version }: { id: string; version: number }) {
  const [state, action, pending] = useActionState(withdrawChangeRequestAction, IDLE);
  return (
    <form action={action} className="space-y-2" onSubmit={(e) => !confirm("Withdraw this request? It stays on record as withdrawn.") && e.preventDefault()}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      {state.status === "error" && <FormAlert>{state.message}</FormAlert>}
      <button type="submit" className="btn-danger" disabled={pending}>
        {pending ? "Withdrawing…" : "Withdraw request"}
      </button>
    </form>
  );
}
