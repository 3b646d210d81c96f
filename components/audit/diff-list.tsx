// A before → after list of changed fields, as plain data in (so a client component can render it from
// compact rows); the .diff classes are in app/globals.css.
import { Fragment } from "react";

/** [field, before or null when it was not there, after or null when it went away]. */
export type DiffEntry = [field: string, before: string | null, after: string | null];

/** A value cut to `maxChars`, the rest counted, so one long value cannot make a page of events heavy. */
export function clip(value: string, maxChars: number): string {
  return value.length <= maxChars ? value : `${value.slice(0, maxChars)}… (${(value.length - maxChars).toLocaleString("en-US")} more characters)`;
}

export function DiffList({ entries, more = 0 }: { entries: DiffEntry[]; more?: number }) {
  if (!entries.length) return null;
  return (
    <dl className="diff">
      {entries.map(([field, before, after]) => (
        <Fragment key={field}>
          <dt>{field}</dt>
          <dd>
            {before !== null && <span className="was">{before}</span>}
            {before !== null && after !== null && " → "}
            {after !== null && <span className="now">{after}</span>}
          </dd>
        </Fragment>
      ))}
      {more > 0 && <dd className="col-span-2 text-slate-500">… and {more} more fields</dd>}
    </dl>
  );
}
