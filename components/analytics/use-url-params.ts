"use client";
// The analytics page keeps its whole state (range, filters, sorting) in the URL so a link reproduces the
// view. Changes go through the History API, which Next's router picks up (useSearchParams updates)
// without a server round trip: react-query refetches just the data.
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";

export type ParamChanges = Record<string, string | null>;

export function useUrlParams() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const update = useCallback(
    (changes: ParamChanges, mode: "push" | "replace" = "push") => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === "") next.delete(key);
        else next.set(key, value);
      }
      const query = next.toString();
      const url = query ? `${pathname}?${query}` : pathname;
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [searchParams, pathname],
  );
  return { searchParams, update };
}
