"use client";
// Shown when a page fails unexpectedly; expected failures (a bad filter, a refused change) are shown
// in place by the page itself.
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="card max-w-xl" role="alert">
      <h1 className="text-lg font-semibold">This page could not be shown</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Something went wrong on the server. Try again; if it keeps happening, give an admin this reference: {error.digest ?? "n/a"}.
      </p>
      <button type="button" className="btn-secondary mt-3" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
