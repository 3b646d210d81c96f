// The filter form above a list (the catalog, the evaluation runs, the audit trail): a plain GET form, so
// the filters land in the URL (a copied link, and an export, reproduce the view) and it works without
// JavaScript and with the keyboard. Reset is a link to the bare list.
import Link from "next/link";
import type { ReactNode } from "react";

// Written out whole so Tailwind finds each class in the source.
const COLUMNS = { 4: "md:grid-cols-4", 6: "md:grid-cols-6" } as const;
const SPAN = { 1: "", 2: "md:col-span-2", 4: "md:col-span-4", 6: "md:col-span-6" } as const;

export type FilterSpan = keyof typeof SPAN;

export interface FilterBarProps {
  /** The list's path: where the form goes and what Reset links to. */
  action: string;
  /** The form's accessible name, e.g. "Filter the catalog". */
  label: string;
  columns: keyof typeof COLUMNS;
  /** Grid columns the Reset / Apply row spans (the rest of its row). */
  buttonsSpan: FilterSpan;
  /** Parameters the form carries unchanged (sorting, page size); undefined ones are left out. */
  keep?: Record<string, string | number | undefined>;
  children: ReactNode;
}

export function FilterBar({ action, label, columns, buttonsSpan, keep = {}, children }: FilterBarProps) {
  return (
    <form method="get" action={action} className={`card grid gap-4 ${COLUMNS[columns]}`} aria-label={label}>
      {children}
      {Object.entries(keep).map(([name, value]) => (value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />))}
      <div className={`flex items-end gap-2 md:justify-end ${SPAN[buttonsSpan]}`}>
        <Link href={action} className="btn-secondary">
          Reset
        </Link>
        <button type="submit" className="btn-primary">
          Apply filters
        </button>
      </div>
    </form>
  );
}

/** A labelled filter: the label names the control whose id is `id` (an input, a select, a combobox). */
export function FilterField({ id, label, span = 1, children }: { id: string; label: string; span?: FilterSpan; children: ReactNode }) {
  return (
    <div className={SPAN[span] || undefined}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

type InputType = "text" | "search" | "date" | "number";

/** A text, search, date or number filter; the parameter is named as its id. */
export function InputFilter({
  id,
  label,
  value,
  type = "text",
  placeholder,
  min,
  span,
  list,
}: {
  id: string;
  label: string;
  value: string | number | undefined;
  type?: InputType;
  placeholder?: string;
  min?: number;
  span?: FilterSpan;
  /** The id of a datalist of suggestions. */
  list?: string;
}) {
  return (
    <FilterField id={id} label={label} span={span}>
      <input id={id} name={id} type={type} list={list} min={min} defaultValue={value ?? ""} placeholder={placeholder} className="input mt-1" />
    </FilterField>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectOptionGroup {
  group: string;
  options: SelectOption[];
}

/** A choice among a few known values, "Any" (the empty value) first; the parameter is named as its id. */
export function SelectFilter({
  id,
  label,
  value,
  options,
  anyLabel = "Any",
  span,
}: {
  id: string;
  label: string;
  value: string | undefined;
  options: readonly (SelectOption | SelectOptionGroup)[];
  anyLabel?: string;
  span?: FilterSpan;
}) {
  const option = (o: SelectOption) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <FilterField id={id} label={label} span={span}>
      <select id={id} name={id} defaultValue={value ?? ""} className="input mt-1">
        <option value="">{anyLabel}</option>
        {options.map((o) =>
          "group" in o ? (
            <optgroup key={o.group} label={o.group}>
              {o.options.map(option)}
            </optgroup>
          ) : (
            option(o)
          ),
        )}
      </select>
    </FilterField>
  );
}
