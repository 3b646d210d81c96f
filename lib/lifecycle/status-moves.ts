// The moves out of a model's status as one viewer sees them, pure: for each transition of the table in
// transitions.ts, whether this viewer may make it now and, if not, why not, from the same permission
// and preconditions that status-service (direct moves) and the change-request service enforce. A
// reason is written in the move's form, so the "reason" precondition does not close a move in advance:
// it makes the form's reason field required instead.
import { PERMISSIONS, type Permission, ROLE_LABELS } from "@/lib/authz/permissions";
import type { ModelStatus } from "@/lib/catalog/model-vocabulary";
import { type LifecycleFacts, type Transition, type TransitionMode, checkPreconditions, transitionsFrom } from "./transitions";

export interface StatusMove {
  name: string;
  to: ModelStatus;
  mode: TransitionMode;
  permission: Permission;
  /** Who may make it (direct) or open its change request, in words: "ML lead or Compliance". */
  who: string;
  /** The form asks for a reason: the transition's preconditions include one. */
  needsReason: boolean;
  /** Direct: the viewer may make it now. Change request: the viewer may open the request now and it breaks no precondition. */
  open: boolean;
  /** The viewer may open a change request for it (even one that breaks a precondition today, to gather evidence). */
  mayRequest: boolean;
  /** Why it is closed to this viewer, or (for a request they may open) what stands in its way now. */
  why: string | null;
}

export function whoMay(permission: Permission): string {
  const roles = PERMISSIONS[permission].map((r) => ROLE_LABELS[r]);
  return roles.length > 1 ? `${roles.slice(0, -1).join(", ")} or ${roles.at(-1)}` : (roles[0] ?? "nobody");
}

/** The preconditions checked before the form is filled in: all but the reason the form asks for. */
export function preconditionsBeforeForm(transition: Transition, facts: LifecycleFacts) {
  return checkPreconditions({ ...transition, preconditions: transition.preconditions.filter((p) => p !== "reason") }, facts);
}

export function statusMoves(facts: LifecycleFacts, may: (permission: Permission) => boolean): StatusMove[] {
  return transitionsFrom(facts.status).map((t) => {
    const permitted = may(t.permission);
    const problems =
      preconditionsBeforeForm(t, facts)
        .map((v) => v.message)
        .join(" ") || null;
    const common = {
      name: t.name,
      to: t.to,
      mode: t.mode,
      permission: t.permission,
      who: whoMay(t.permission),
      needsReason: t.preconditions.includes("reason"),
    };
    if (t.mode === "direct") {
      return { ...common, open: permitted && !problems, mayRequest: false, why: !permitted ? `only ${whoMay(t.permission)} may make this move.` : problems };
    }
    return {
      ...common,
      open: permitted && !problems,
      mayRequest: permitted,
      why: !permitted ? "an engineer opens the change request and approvers decide it." : problems,
    };
  });
}
