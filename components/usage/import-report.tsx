import { fact } from "@/components/ui/fact";
import { type UploadReport, KEPT_PROBLEMS, formatBytes } from "@/lib/ingestion/upload-report";

const n = (value: number) => value.toLocaleString("en-US");

function headline(report: UploadReport): { tone: "ok" | "warn" | "error"; title: string; detail: string } {
  const fileProblem = report.firstProblems.find((p) => p.row === 0);
  if (!report.written) {
    if (fileProblem) return { tone: "error", title: "Nothing was written.", detail: `The file could not be read: ${fileProblem.reason}` };
    return {
      tone: "error",
      title: "Nothing was written.",
      detail: `Strict mode writes nothing when any row is bad, and ${n(report.rejected)} of ${n(report.rowsRead)} rows were rejected. Fix them and upload the file again, or import it in lenient mode to write the good rows.`,
    };
  }
  if (report.accepted === 0 && report.duplicates > 0) {
    return {
      tone: report.rejected > 0 ? "warn" : "ok",
      title: "Nothing new: every good row was already stored.",
      detail: `${n(report.duplicates)} duplicate rows were skipped${report.rejected > 0 ? ` and ${n(report.rejected)} rows rejected (listed below)` : ""}; the data is unchanged.`,
    };
  }
  if (report.rejected > 0) {
    return {
      tone: "warn",
      title: `${n(report.accepted)} rows written, ${n(report.rejected)} rejected.`,
      detail: "Lenient mode wrote the good rows; the rejected rows are listed below.",
    };
  }
  return { tone: "ok", title: `${n(report.accepted)} rows written.`, detail: "Every row was accepted or already stored." };
}

const TONES = {
  ok: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  warn: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  error: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
} as const;

/** The report of one upload: what was read, written, rejected and skipped, and the first bad rows. */
export function ImportReport({ report }: { report: UploadReport }) {
  const { tone, title, detail } = headline(report);
  return (
    <section aria-labelledby="import-report-heading" className="card space-y-4" data-testid="import-report">
      <h2 id="import-report-heading" className="text-lg font-semibold" tabIndex={-1}>
        Import report: <span className="font-mono text-base">{report.fileName}</span>
      </h2>
      <div className={`rounded-md border px-3 py-2 text-sm ${TONES[tone]}`} data-testid="import-outcome">
        <p className="font-semibold">{title}</p>
        <p>{detail}</p>
      </div>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4 lg:grid-cols-7" data-testid="import-counts">
        {fact("Rows read", n(report.rowsRead))}
        {fact("Accepted", n(report.accepted))}
        {fact("Rejected", n(report.rejected))}
        {fact("Duplicates skipped", n(report.duplicates))}
        {fact("Costs estimated from the catalog", n(report.costsEstimated))}
        {fact("Mode", report.mode)}
        {fact("Size", formatBytes(report.bytes))}
      </dl>
      {report.problemsKept > 0 && (
        <div className="space-y-2">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 className="font-semibold">Bad rows</h3>
            <a href={report.rejectsUrl} download className="link text-sm font-medium">
              Download rejected rows (CSV)
            </a>
          </div>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Showing the first {n(report.firstProblems.length)} of {n(report.problemsKept)} problems
            {report.problemsTruncated ? ` (Warden keeps the first ${n(KEPT_PROBLEMS)} of an import; there were more)` : ""}. Rows are counted as in a
            spreadsheet: the CSV header is row 1; in JSON lines the first line is row 1; row 0 is the file as a whole.
          </p>
          <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
            <table className="min-w-full text-sm" data-testid="rejected-rows">
              <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Row
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Column
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Reason
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {report.firstProblems.map((p, i) => (
                  <tr key={`${p.row}-${p.column}-${i}`}>
                    <td className="px-3 py-1.5 font-mono tabular-nums">{p.row}</td>
                    <td className="px-3 py-1.5 font-mono">{p.column}</td>
                    <td className="px-3 py-1.5">{p.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
