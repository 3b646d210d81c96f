"use client";
// An unexpected failure reading the analytics (a bad filter is shown in place by the page instead).
export default function AnalyticsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="card max-w-xl" role="alert">
      <h1 className="text-lg font-semibold">The analytics could not be loaded</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Reading the usage figures failed on the server. Try again; if it keeps happening, give an admin this reference: {error.digest ?? "n/a"}.
      </p>
      <button type="button" className="btn-secondary mt-3" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
