// The audit events that touched something, newest first, each with what changed.
import { auditDiff } from "@/lib/audit/audit-diff";
import { formatDateTime } from "@/lib/catalog/format";
import { type DiffEntry, DiffList, clip } from "./diff-list";

interface Event {
  seq: bigint;
  occurredAt: Date;
  actorLabel: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

const MAX_FIELDS = 40;

/** The fields an event changed as DiffList entries, each value up to `maxChars` (exports keep them whole). */
export function diffEntries(before: unknown, after: unknown, maxChars = Infinity): { entries: DiffEntry[]; more: number } {
  const changes = auditDiff(before, after);
  const entries = changes
    .slice(0, MAX_FIELDS)
    .map((c): DiffEntry => [c.field, c.before === undefined ? null : clip(c.before, maxChars), c.after === undefined ? null : clip(c.after, maxChars)]);
  return { entries, more: Math.max(0, changes.length - MAX_FIELDS) };
}

export function AuditChanges({ before, after }: { before: unknown; after: unknown }) {
  return <DiffList {...diffEntries(before, after)} />;
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
