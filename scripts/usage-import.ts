// `npm run usage:import -- <file> [--lenient] [--report errors.csv]`: imports a usage file (CSV, JSONL or
// a LiteLLM spend-log export, optionally gzipped) into the configured database, streaming it. Strict by
// default: any bad row and nothing is written. Prints the counts; --report writes the bad rows (the
// first 100,000 problems). `npm run usage:import` runs it in one process (bundled by scripts/run-bundled.mjs,
// no wrapper process, no tsx loader thread) with V8's old space capped at 128 MB: the live data is two batches and the remembered ids,
// and without the cap V8 lets garbage pile up to ~0.5 GB before collecting (measured on a 100 MB file);
// its young generation is kept to 2 MB semi-spaces, which took ~70 MiB off the peak of the same import.
// On the embedded database the engine lives in this process: it opens with 16 MB of shared buffers, not
// PGlite's 128 MB, all of which it touches at start (−95 MiB; an import writes each page about once).
import { createReadStream, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "@/lib/db/connection";
import { applyMigrations } from "@/lib/db/migrate";
import { parseUsageFile } from "@/lib/ingestion/parse-usage-file";
import { importUsageRows } from "@/lib/ingestion/usage-import";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { lenient: { type: "boolean" }, report: { type: "string" } } });
const file = positionals.find((p) => p !== "--");
if (!file) {
  console.error("Usage: npm run usage:import -- <file.csv|.jsonl|.json[.gz]> [--lenient] [--report errors.csv]");
  process.exit(2);
}

const started = Date.now();
let lastProgress = 0;
const db = await openDatabase({ pgliteSharedBuffers: "16MB" });
try {
  await applyMigrations(db.sql);
  const mode = values.lenient ? "lenient" : "strict";
  const report = await importUsageRows(
    db,
    { kind: "cli", label: process.env.USER ?? "operator" },
    parseUsageFile(createReadStream(file), { fileName: path.basename(file) }),
    {
      mode,
      source: "file",
      fileName: path.basename(file),
      maxReportedErrors: values.report ? 100_000 : 20,
      onProgress: ({ rowsRead, accepted }) => {
        // At most once a second, on stderr, so the summary on stdout stays machine-readable.
        if (Date.now() - lastProgress < 1_000) return;
        lastProgress = Date.now();
        process.stderr.write(`… ${rowsRead.toLocaleString("en")} rows read, ${accepted.toLocaleString("en")} new (uncommitted until the end)\n`);
      },
    },
  );
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `${path.basename(file)} (${mode}): ${report.rowsRead} rows read, ${report.accepted} written, ${report.rejected} rejected, ${report.duplicates} duplicates, ${report.costsEstimated} rows without a cost priced from the catalog, in ${seconds.toFixed(1)} s${report.written ? "" : " — NOTHING WRITTEN"}`,
  );
  for (const e of report.errors.slice(0, 20)) console.log(`  row ${e.row}, ${e.column}: ${e.reason}`);
  if (report.rejected > 20 && !values.report) console.log(`  … --report <file> writes all ${report.rejected} rejected rows`);
  if (values.report) {
    const quote = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
    writeFileSync(values.report, ["row,column,reason", ...report.errors.map((e) => [e.row, e.column, e.reason].map(quote).join(","))].join("\n") + "\n");
    console.log(`  bad rows written to ${values.report}`);
  }
  if (!report.written) process.exitCode = 1;
} finally {
  await db.close();
}
