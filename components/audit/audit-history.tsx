// The audit events that touched something, newest first, each with what changed.
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

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function Changes({ before, after }: { before: unknown; after: unknown }) {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => show(b[k]) !== show(a[k]) || !(k in b));
  if (!keys.length) return null;
  return (
    <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 text-xs">
      {keys.slice(0, 40).map((key) => (
        <div key={key} className="contents">
          <dt className="font-mono text-slate-500 dark:text-slate-400">{key}</dt>
          <dd className="break-words">
            {key in b && <span className="text-red-700 line-through dark:text-red-400">{show(b[key])}</span>}
            {key in b && " → "}
            <span className="text-emerald-800 dark:text-emerald-300">{show(a[key])}</span>
          </dd>
        </div>
      ))}
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
            <span className="text-slate-500 dark:text-slate-400"> · {formatDateTime(event.occurredAt)} · #{event.seq.toString()}</span>
          </div>
          {event.reason && <div className="text-xs">Reason: {event.reason}</div>}
          <Changes before={event.before} after={event.after} />
        </li>
      ))}
    </ol>
  );
}
