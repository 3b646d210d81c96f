import { FormAlert } from "@/components/ui/form";
import { RecentImportsTable } from "@/components/usage/recent-imports-table";
import { UsageUploadForm } from "@/components/usage/usage-upload-form";
import { usageImportView } from "@/lib/ingestion/usage-import-view";
import { requirePage } from "@/lib/server/page";

export const metadata = { title: "Import usage" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UsageImportPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePage("usage:ingest");
  const { filters, filterError, imports } = await usageImportView(viewer, await searchParams);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Import usage</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          Upload a log of model calls: CSV or JSON lines with the columns <code className="font-mono text-xs">timestamp, model, status</code> (required) and any
          of{" "}
          <code className="font-mono text-xs">
            event_id, response_model, provider, workflow, bundle, latency_ms, ttft_ms, input_tokens, output_tokens, cost_usd, error_type, is_fallback, retries,
            region, user, quality_score, feedback
          </code>
          , or a LiteLLM spend-log export. Files up to 1 GB (1,073,741,824 bytes), gzip allowed. Rows already stored are skipped, so uploading a file twice
          changes nothing; missing costs are priced from the catalog at the call&apos;s time.
        </p>
        <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          Machines send batches to <code className="font-mono text-xs">POST /api/v1/usage</code> instead (JSON or NDJSON with an API key scoped{" "}
          <code className="font-mono text-xs">ingest:write</code>; at most 10 MiB and 10,000 events per request).
        </p>
      </div>
      <UsageUploadForm />
      {filterError && <FormAlert>{filterError} Showing the latest uploads instead.</FormAlert>}
      <RecentImportsTable filters={filters} total={imports.total} items={imports.items} />
    </div>
  );
}
