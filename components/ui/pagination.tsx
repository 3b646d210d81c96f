import Link from "next/link";

/** Previous / next links for a paged list whose page lives in the URL. */
export function Pagination({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  return (
    <div className="flex items-center gap-2">
      {page > 1 ? (
        <Link className="btn-secondary" href={hrefFor(page - 1)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className="btn-secondary opacity-50" aria-disabled>
          ← Previous
        </span>
      )}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link className="btn-secondary" href={hrefFor(page + 1)} rel="next">
          Next →
        </Link>
      ) : (
        <span className="btn-secondary opacity-50" aria-disabled>
          Next →
        </span>
      )}
    </div>
  );
}
