// The model's status with every move from it: the ones open to the viewer (a form for direct moves, a
// link to a change request for moves approvers decide) and, for the others, why they are closed. The
// moves, who may make them, whether they need a reason and why each is closed all come from
// lib/lifecycle/status-moves, the rules the status and change-request services enforce.
import Link from "next/link";
import { StatusBadge } from "@/components/catalog/status-badge";
import { type ModelStatus, STATUS_LABELS } from "@/lib/catalog/model-vocabulary";
import type { StatusMove } from "@/lib/lifecycle/status-moves";
import { type MoveKind, StatusMoveForm } from "./status-move-form";

const LABELS: Record<string, string> = {
  approved_to_fallback_only: "Move to fallback only",
  to_deprecated: "Deprecate",
  disable: "Disable now",
  disabled_to_testing: "Back to testing",
  disabled_to_retired: "Retire",
};

export function StatusPanel({ model, moves }: { model: { id: string; version: number; status: string; statusReason: string | null }; moves: StatusMove[] }) {
  return (
    <section className="card" aria-labelledby="status-heading" data-testid="status-panel">
      <h2 id="status-heading" className="mb-2 flex items-center gap-2 font-semibold">
        Status <StatusBadge status={model.status} />
      </h2>
      {model.statusReason && <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">Reason: {model.statusReason}</p>}
      {moves.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No move leads out of {STATUS_LABELS[model.status as ModelStatus] ?? model.status}: it is final.
        </p>
      ) : (
        <ul className="space-y-4">
          {moves.map((move) => {
            const target = STATUS_LABELS[move.to as ModelStatus] ?? move.to;
            const kind: MoveKind = move.to === "disabled" ? "disable" : move.to === "retired" ? "retire" : "other";
            return (
              <li
                key={move.name}
                className="border-t border-slate-100 pt-3 first:border-t-0 first:pt-0 dark:border-slate-800"
                data-testid="status-move"
                data-move={move.name}
              >
                <p className="text-sm">
                  <span className="font-medium">→ {target}</span>{" "}
                  <span className="text-xs text-slate-500 dark:text-slate-400">
                    ({move.mode === "direct" ? `direct, ${move.who}` : "change request, decided by the ML lead (and compliance for high-risk workflows)"})
                  </span>
                </p>
                {move.mode === "direct" ? (
                  move.open ? (
                    <div className="mt-2 max-w-xl">
                      <StatusMoveForm
                        modelId={model.id}
                        version={model.version}
                        to={move.to}
                        kind={kind}
                        label={LABELS[move.name] ?? `Move to ${target}`}
                        reasonRequired={move.needsReason}
                        confirmText={
                          kind === "disable"
                            ? "Disable this model now? Its approvals are revoked at once."
                            : kind === "retire"
                              ? "Retire this model? It cannot come back."
                              : undefined
                        }
                      />
                    </div>
                  ) : (
                    <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="closed-why">
                      Closed: {move.why}
                    </p>
                  )
                ) : move.mayRequest ? (
                  <p className="mt-1 text-sm">
                    <Link href={`/approvals/new?model=${model.id}&kind=status_change&to=${move.to}`} className="link">
                      Request this change
                    </Link>
                    {move.why && (
                      <span className="block text-xs text-amber-800 dark:text-amber-300">
                        Right now: {move.why} Name the workflows and evidence in the request.
                      </span>
                    )}
                  </p>
                ) : (
                  <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="closed-why">
                    Closed to you: {move.why}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
