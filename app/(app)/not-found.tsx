import Link from "next/link";

export default function NotFound() {
  return (
    <div className="card max-w-xl">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Nothing lives at this address.{" "}
        <Link href="/models" className="link">
          Back to the catalog
        </Link>
      </p>
    </div>
  );
}
