// One page of the audit trail, newest first: who, when, what, which target (linked), the readable
// before → after diff and the reason; the hash shown short, in full on hover.
import type { AuditEventRow } from "@/lib/audit/audit-query";
import { type AuditTarget, type TargetKey, targetKey } from "@/lib/audit/audit-targets";
import { formatDateTime } from "@/lib/catalog/format";
import { diffEntries } from "./audit-history";
import { type AuditRow, AuditRows } from "./audit-rows";
import { clip } from "./diff-list";

// A page of events stays light whatever the events hold: each value and reason is shown up to this many
// characters (the exports and the target's own history keep them whole).
const MAX_VALUE_CHARS = 200;
const MAX_REASON_CHARS = 500;

export function AuditTable({ events, targets }: { events: AuditEventRow[]; targets: Map<TargetKey, AuditTarget> }) {
  const rows = events.map((event): AuditRow => {
    const target = event.targetId ? targets.get(targetKey(event.targetType, event.targetId)) : undefined;
    const { entries, more } = diffEntries(event.before, event.after, MAX_VALUE_CHARS);
    return {
      seq: event.seq.toString(),
      hash: event.hash,
      when: formatDateTime(event.occurredAt),
      actor: event.actorLabel,
      action: event.action,
      targetType: event.targetType.replace(/_/g, " "),
      targetLabel: target?.label ?? event.targetId ?? "—",
      targetHref: target?.href ?? null,
      changes: entries,
      moreFields: more,
      reason: event.reason ? clip(event.reason, MAX_REASON_CHARS) : null,
    };
  });
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-3 py-2">
              #
            </th>
            <th scope="col" className="px-3 py-2">
              When
            </th>
            <th scope="col" className="px-3 py-2">
              Actor
            </th>
            <th scope="col" className="px-3 py-2">
              Action
            </th>
            <th scope="col" className="px-3 py-2">
              Target
            </th>
            <th scope="col" className="px-3 py-2">
              Before → after
            </th>
            <th scope="col" className="px-3 py-2">
              Reason
            </th>
          </tr>
        </thead>
        <AuditRows rows={rows} />
      </table>
    </div>
  );
}
