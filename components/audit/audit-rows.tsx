"use client";
// The rows of one page of the audit trail, rendered from compact rows. A client component on purpose:
// its props travel to the browser as plain data once, where a server-rendered row would travel twice
// (as HTML and as its element tree in the RSC payload), which kept /audit over its 200 KB budget.
import Link from "next/link";
import { type DiffEntry, DiffList } from "./diff-list";

export interface AuditRow {
  seq: string;
  hash: string;
  /** Already formatted on the server, in UTC, so the HTML and the browser agree. */
  when: string;
  actor: string;
  action: string;
  targetType: string;
  targetLabel: string;
  targetHref: string | null;
  changes: DiffEntry[];
  moreFields: number;
  reason: string | null;
}

export function AuditRows({ rows }: { rows: AuditRow[] }) {
  return (
    <tbody>
      {rows.map((row) => (
        <tr key={row.seq} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid="audit-row">
          <td className="audit-cell font-mono text-xs" title={`hash ${row.hash}`}>
            {row.seq}
          </td>
          <td className="audit-cell whitespace-nowrap">{row.when}</td>
          <td className="audit-cell">{row.actor}</td>
          <td className="audit-cell font-mono text-xs">{row.action}</td>
          <td className="audit-cell">
            <span className="text-xs text-slate-500 dark:text-slate-400">{row.targetType}</span>{" "}
            {row.targetHref ? (
              <Link href={row.targetHref} className="link">
                {row.targetLabel}
              </Link>
            ) : (
              <span>{row.targetLabel}</span>
            )}
          </td>
          <td className="audit-cell max-w-md">
            <DiffList entries={row.changes} more={row.moreFields} />
          </td>
          <td className="audit-cell max-w-xs text-xs">{row.reason ?? "—"}</td>
        </tr>
      ))}
    </tbody>
  );
}
