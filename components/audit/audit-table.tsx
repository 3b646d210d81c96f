// One page of the audit trail, newest first: who, when, what, which target (linked), the readable
// before → after diff and the reason; the hash shown short, in full on hover.
import Link from "next/link";
import type { AuditEventRow } from "@/lib/audit/audit-query";
import { type AuditTarget, type TargetKey, targetKey } from "@/lib/audit/audit-targets";
import { formatDateTime } from "@/lib/catalog/format";
import { AuditChanges, clip } from "./audit-history";

// A page of events stays light whatever the events hold: each value and reason is shown up to this many
// characters (the exports and the target's own history keep them whole).
const MAX_VALUE_CHARS = 200;
const MAX_REASON_CHARS = 500;

export function AuditTable({ events, targets }: { events: AuditEventRow[]; targets: Map<TargetKey, AuditTarget> }) {
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
        <tbody>
          {events.map((event) => {
            const target = event.targetId ? targets.get(targetKey(event.targetType, event.targetId)) : undefined;
            return (
              <tr key={event.seq.toString()} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid="audit-row">
                <td className="audit-cell font-mono text-xs" title={`hash ${event.hash}`}>
                  {event.seq.toString()}
                </td>
                <td className="audit-cell whitespace-nowrap">{formatDateTime(event.occurredAt)}</td>
                <td className="audit-cell">{event.actorLabel}</td>
                <td className="audit-cell font-mono text-xs">{event.action}</td>
                <td className="audit-cell">
                  <span className="text-xs text-slate-500 dark:text-slate-400">{event.targetType.replace(/_/g, " ")}</span>{" "}
                  {target?.href ? (
                    <Link href={target.href} className="link">
                      {target.label}
                    </Link>
                  ) : (
                    <span>{target?.label ?? event.targetId ?? "—"}</span>
                  )}
                </td>
                <td className="audit-cell max-w-md">
                  <AuditChanges before={event.before} after={event.after} maxChars={MAX_VALUE_CHARS} />
                </td>
                <td className="audit-cell max-w-xs text-xs">{event.reason ? clip(event.reason, MAX_REASON_CHARS) : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
