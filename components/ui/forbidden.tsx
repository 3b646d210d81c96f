export function Forbidden({ what }: { what: string }) {
  return (
    <div className="card max-w-xl" role="alert">
      <h1 className="text-lg font-semibold">Not available to your role</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{what} Ask an admin if you need access.</p>
    </div>
  );
}
