"use client";
// A searchable choice among more values than a <select> should carry (the ~3,000 catalog models): the
// WAI-ARIA combobox pattern with a listbox popup and list autocomplete. Typing asks `search` (the server)
// for matches; arrow keys move through them, Enter chooses, Escape closes (or, closed, clears).
//
// Progressive enhancement: the chosen value travels in a hidden input, so before JavaScript has loaded
// the form still submits the current choice, and the text box shows its label (read-only until the
// script makes it searchable). The text box itself has no name: only a chosen option changes the value.
import { type KeyboardEvent, useEffect, useId, useRef, useState, useSyncExternalStore } from "react";

export interface ComboboxOption {
  value: string;
  /** Shown in the text box once chosen. */
  label: string;
  /** A second, quieter line in the list (e.g. provider and snapshot id). */
  detail?: string;
}

export interface ComboboxResults {
  options: ComboboxOption[];
  /** How many match in all, when more exist than were sent. */
  total?: number;
}

export type ComboboxSearch = (query: string, signal: AbortSignal) => Promise<ComboboxResults>;

export interface ComboboxProps {
  /** The text box's id (its <label htmlFor> names it). */
  id: string;
  /** The parameter the chosen value is submitted as. */
  name: string;
  /** The listbox's accessible name, e.g. "Models". */
  listLabel: string;
  selected: ComboboxOption | null;
  search: ComboboxSearch;
  /** What the results are, for the status line: ["model", "models"]. */
  noun: readonly [singular: string, plural: string];
  placeholder?: string;
}

const DEBOUNCE_MS = 150;

const noSubscription = () => () => {};
/** False in the server's HTML and during hydration, true once this script runs in the browser. */
const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

type Status = { kind: "idle" } | { kind: "loading" } | { kind: "done"; total: number } | { kind: "error"; message: string };

export function Combobox({ id, name, listLabel, selected: initial, search, noun, placeholder = "Any" }: ComboboxProps) {
  const listId = `${id}-listbox`;
  const optionId = `${useId()}-option`;
  const enhanced = useHydrated();
  const [selected, setSelected] = useState<ComboboxOption | null>(initial);
  const [text, setText] = useState(initial?.label ?? "");
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<ComboboxOption[]>([]);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  // Where the highlight lands when results arrive after opening with an arrow key.
  const landing = useRef<"first" | "last" | null>(null);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setStatus({ kind: "loading" });
      search(query.trim(), controller.signal).then(
        (results) => {
          if (controller.signal.aborted) return;
          setOptions(results.options);
          setStatus({ kind: "done", total: results.total ?? results.options.length });
          const to = landing.current;
          landing.current = null;
          setActive(results.options.length === 0 || to === null ? -1 : to === "first" ? 0 : results.options.length - 1);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setOptions([]);
          setActive(-1);
          setStatus({ kind: "error", message: error instanceof Error ? error.message : String(error) });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, query, search]);

  useEffect(() => {
    if (active >= 0) document.getElementById(`${optionId}-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [active, optionId]);

  const openList = (highlight: "first" | "last" | null) => {
    if (open) return;
    // Opened on a chosen value: show everything, not only what matches its whole label.
    setQuery(selected && text === selected.label ? "" : text);
    landing.current = highlight;
    setActive(-1);
    setOpen(true);
  };

  const close = () => {
    setOpen(false);
    setOptions([]);
    setStatus({ kind: "idle" });
    setActive(-1);
    landing.current = null;
  };

  const choose = (option: ComboboxOption) => {
    setSelected(option);
    setText(option.label);
    close();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!enhanced) return;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) openList(event.altKey ? null : "first");
        else if (options.length) setActive((i) => (i + 1) % options.length);
        return;
      case "ArrowUp":
        event.preventDefault();
        if (!open) openList("last");
        else if (options.length) setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
        return;
      case "Enter":
        if (!open) return; // submits the form with the chosen value
        event.preventDefault();
        // A single match is chosen at once; among several, the first is highlighted to confirm.
        if (active >= 0 && options[active]) choose(options[active]);
        else if (options.length === 1) choose(options[0]);
        else if (options.length) setActive(0);
        return;
      case "Escape":
        if (open) {
          event.preventDefault();
          close();
          setText(selected?.label ?? "");
        } else if (text !== "" || selected) {
          event.preventDefault();
          setSelected(null);
          setText("");
        }
        return;
    }
  };

  const [singular, plural] = noun;
  const message =
    status.kind === "loading"
      ? "Searching…"
      : status.kind === "error"
        ? `Could not search: ${status.message}`
        : status.kind === "done"
          ? options.length === 0
            ? query.trim()
              ? `No ${singular} matches “${query.trim()}”.`
              : `No ${plural} yet.`
            : status.total > options.length
              ? `The first ${options.length} of ${status.total.toLocaleString("en")} ${plural}: type more to narrow.`
              : `${options.length} ${options.length === 1 ? singular : plural}.`
          : "";

  return (
    <div className="relative mt-1">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? `${optionId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        readOnly={!enhanced}
        value={text}
        placeholder={placeholder}
        className="input"
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          setQuery(next);
          // Emptying the box is choosing "any".
          if (next.trim() === "") setSelected(null);
          landing.current = null;
          setActive(-1);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onClick={() => enhanced && openList(null)}
        onBlur={() => {
          close();
          // What the box shows is what is filtered: text that chose nothing goes back to the choice.
          setText(selected?.label ?? "");
        }}
      />
      <input type="hidden" name={name} value={selected?.value ?? ""} />
      <div
        hidden={!open}
        // Keep the focus in the text box (a click on an option or the scrollbar would blur it).
        onMouseDown={(event) => event.preventDefault()}
        className="absolute z-20 mt-1 w-full min-w-64 overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        <ul id={listId} role="listbox" aria-label={listLabel} aria-busy={status.kind === "loading"} className="max-h-72 overflow-y-auto py-1 text-sm">
          {options.map((option, index) => (
            <li
              key={option.value}
              id={`${optionId}-${index}`}
              role="option"
              aria-selected={index === active}
              data-value={option.value}
              onClick={() => choose(option)}
              onMouseMove={() => index !== active && setActive(index)}
              className="cursor-pointer px-3 py-1.5 text-slate-900 aria-selected:bg-indigo-100 aria-selected:text-indigo-950 dark:text-slate-100 dark:aria-selected:bg-indigo-900/60 dark:aria-selected:text-white"
            >
              <span className="block">
                {option.label}
                {selected?.value === option.value && (
                  <span className="ml-1 text-indigo-700 dark:text-indigo-300">
                    <span aria-hidden>✓</span>
                    <span className="sr-only">(current)</span>
                  </span>
                )}
              </span>
              {option.detail && <span className="block text-xs text-slate-600 dark:text-slate-400">{option.detail}</span>}
            </li>
          ))}
        </ul>
        {/* Read out by the status line below; shown here for sighted users. */}
        {message && (
          <p aria-hidden className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
            {message}
          </p>
        )}
      </div>
      <p role="status" aria-live="polite" className="sr-only">
        {open && status.kind !== "loading" ? message : ""}
      </p>
    </div>
  );
}
