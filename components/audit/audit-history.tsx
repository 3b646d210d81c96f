// The audit events that touched something, newest first, each with what changed.
import { auditDiff } from "@/lib/audit/audit-diff";
import { formatDateTime } from "@/lib/catalog/format";

interface Event {
  seq: bigint;
  occurredAt: Date;
  actorLabel: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export function AuditChanges({ before, after }: { before: unknown; after: unknown }) {
  const changes = auditDiff(before, after);
  if (!changes.length) return null;
  return (
    <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 text-xs">
      {changes.slice(0, 40).map((change) => (
        <div key={change.field} className="contents">
          <dt className="font-mono text-slate-500 dark:text-slate-400">{change.field}</dt>
          <dd className="break-words">
            {change.before !== undefined && <span className="text-red-700 line-through dark:text-red-400">{change.before}</span>}
            {change.before !== undefined && change.after !== undefined && " → "}
            {change.after !== undefined && <span className="text-emerald-800 dark:text-emerald-300">{change.after}</span>}
          </dd>
        </div>
      ))}
      {changes.length > 40 && <dd className="col-span-2 text-slate-500">… and {changes.length - 40} more fields</dd>}
    </dl>
  );
}

export function AuditHistory({ events }: { events: Event[] }) {
  if (!events.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No recorded changes yet.</p>;
  return (
    <ol className="space-y-3" aria-label="History">
      {events.map((event) => (
        <li key={event.seq.toString()} className="border-l-2 border-indigo-300 pl-3 dark:border-indigo-700" data-testid="audit-event">
          <div className="text-sm">
            <span className="font-medium">{event.action}</span> by {event.actorLabel}
            <span className="text-slate-500 dark:text-slate-400">
              {" "}
              · {formatDateTime(event.occurredAt)} · #{event.seq.toString()}
            </span>
          </div>
          {event.reason && <div className="text-xs">Reason: {event.reason}</div>}
          <AuditChanges before={event.before} after={event.after} />
        </li>
      ))}
    </ol>
  );
}
