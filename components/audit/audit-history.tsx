// The audit events that touched something, newest first, each with what changed.
import { Fragment } from "react";
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

const MAX_FIELDS = 40;

/** A value cut to `maxChars` (whole), so one long value cannot make a page of events heavy. */
export function clip(value: string, maxChars: number): string {
  return value.length <= maxChars ? value : `${value.slice(0, maxChars)}… (${(value.length - maxChars).toLocaleString("en-US")} more characters)`;
}

/** The fields an event changed, before → after. `maxChars` bounds each value shown (exports keep them whole). */
export function AuditChanges({ before, after, maxChars = Infinity }: { before: unknown; after: unknown; maxChars?: number }) {
  const changes = auditDiff(before, after);
  if (!changes.length) return null;
  return (
    <dl className="diff">
      {changes.slice(0, MAX_FIELDS).map((change) => (
        <Fragment key={change.field}>
          <dt>{change.field}</dt>
          <dd>
            {change.before !== undefined && <span className="was">{clip(change.before, maxChars)}</span>}
            {change.before !== undefined && change.after !== undefined && " → "}
            {change.after !== undefined && <span className="now">{clip(change.after, maxChars)}</span>}
          </dd>
        </Fragment>
      ))}
      {changes.length > MAX_FIELDS && <dd className="col-span-2 text-slate-500">… and {changes.length - MAX_FIELDS} more fields</dd>}
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
