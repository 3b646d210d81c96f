"use client";
// The analytics pages keep their whole state (range, filters, order, windows, the open row) in the URL, so
// a link reproduces the view, and the server renders every state (one way to read the data; see
// app/(app)/analytics/layout.tsx). A change navigates inside a transition: the figures on screen stay,
// marked busy and dimmed, until the server's new ones arrive, and the controls show the new choice at
// once (optimistically) instead of jumping back until then. A failed render lands on the analytics error
// boundary (app/(app)/analytics/error.tsx). Without JavaScript the forms and links still work as plain GETs.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { type ComponentProps, type MouseEvent, type ReactNode, createContext, useCallback, useContext, useMemo, useOptimistic, useTransition } from "react";

export type ParamChanges = Record<string, string | null>;

interface Navigation {
  /** The URL's query as the controls should show it: the one being loaded while a change is pending. */
  searchParams: URLSearchParams;
  /** A navigation started here has not rendered yet. */
  pending: boolean;
  /** Goes to `href` (path and query). `scroll: false` keeps the page where it is. */
  go(href: string, options?: { replace?: boolean; scroll?: boolean }): void;
  /** Sets or (null, "") removes query parameters of the current page, keeping the others. */
  update(changes: ParamChanges, options?: { replace?: boolean }): void;
}

const NavigationContext = createContext<Navigation | null>(null);

export function AnalyticsNavigation({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const current = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [query, setQuery] = useOptimistic(current.toString());
  const go = useCallback(
    (href: string, options: { replace?: boolean; scroll?: boolean } = {}) => {
      startTransition(() => {
        setQuery(new URL(href, window.location.href).searchParams.toString());
        const scroll = options.scroll ?? true;
        if (options.replace) router.replace(href, { scroll });
        else router.push(href, { scroll });
      });
    },
    [router, setQuery],
  );
  const update = useCallback(
    (changes: ParamChanges, options: { replace?: boolean } = {}) => {
      const next = new URLSearchParams(query);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === "") next.delete(key);
        else next.set(key, value);
      }
      const qs = next.toString();
      go(qs ? `${pathname}?${qs}` : pathname, { replace: options.replace, scroll: false });
    },
    [query, pathname, go],
  );
  const value = useMemo(() => ({ searchParams: new URLSearchParams(query), pending, go, update }), [query, pending, go, update]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useAnalyticsNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error("useAnalyticsNavigation needs <AnalyticsNavigation> around it (app/(app)/analytics/layout.tsx)");
  return navigation;
}

/** The figures the server rendered: busy and dimmed while the next ones load. */
export function PendingRegion({ children, className = "", testId }: { children: ReactNode; className?: string; testId?: string }) {
  const { pending } = useAnalyticsNavigation();
  return (
    <div aria-busy={pending} className={`transition-opacity ${pending ? "opacity-60" : ""} ${className}`} data-testid={testId}>
      {children}
    </div>
  );
}

/** "Updating…" while a change loads, announced politely. */
export function PendingStatus({ className = "" }: { className?: string }) {
  const { pending } = useAnalyticsNavigation();
  return (
    <span role="status" aria-live="polite" className={`text-indigo-700 dark:text-indigo-300 ${className}`}>
      {pending ? "Updating…" : ""}
    </span>
  );
}

/**
 * A link to another state of an analytics page: a plain link (new tab, no JavaScript), and with
 * JavaScript a navigation that keeps the current figures on screen, marked busy, until the next render.
 */
export function AnalyticsLink({
  href,
  scroll,
  children,
  ...rest
}: { href: string; scroll?: boolean; children: ReactNode } & Omit<ComponentProps<"a">, "href" | "onClick">) {
  const { go } = useAnalyticsNavigation();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    go(href, { scroll });
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
