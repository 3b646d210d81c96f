// Figure 1: file import of the synthetic CSV through the real path (parseUsageFile → importUsageRows,
// strict, with rollups and findings, one transaction), against the engine's own fastest load of the
// very rows the import stored: raw COPY on PostgreSQL, a prepared-statement loop on PGlite. Every timed
// run starts from empty usage tables; runs alternate (import, baseline, import, baseline) so drift in
// the machine's load hits both; the best run of each is compared.
import { createReadStream } from "node:fs";
import path from "node:path";
import { copyIntoPostgres, dumpTablePglite, dumpTablePostgres, preparedLoopPglite, tableColumns, USAGE_EVENT_TABLE } from "@/lib/bench/baselines";
import { type BenchDatabase, resetUsage } from "@/lib/bench/bench-database";
import { cpuBetween, treeCpu } from "@/lib/bench/process-stats";
import { parseUsageFile } from "@/lib/ingestion/parse-usage-file";
import { importUsageRows } from "@/lib/ingestion/usage-import";
import { type Figure, fmtMs, fmtRate, log } from "./figures";

const ACTOR = { kind: "cli" as const, label: "bench" };

export interface ImportBenchOptions {
  csvFile: string;
  rows: number;
  workDir: string;
  runs: number;
}

export interface Timed {
  ms: number;
  /** CPU seconds of this process and of the database server (PostgreSQL on this machine) in the run. */
  cpu: { node: number; server: number | null };
}

/** Runs fn, timing it and counting the CPU it caused here and in the database server. */
async function measured(bench: BenchDatabase, fn: () => Promise<number | void>): Promise<Timed> {
  const serverPid = bench.backend === "postgres" ? bench.serverPid : null;
  const server0 = serverPid ? treeCpu(serverPid) : null;
  const node0 = process.cpuUsage();
  const t0 = performance.now();
  const inner = await fn();
  const ms = typeof inner === "number" ? inner : performance.now() - t0;
  const node = process.cpuUsage(node0);
  return { ms, cpu: { node: (node.user + node.system) / 1e6, server: server0 ? cpuBetween(server0, treeCpu(serverPid!)) : null } };
}

const cpuText = (t: Timed) => `CPU ${t.cpu.node.toFixed(1)} s here${t.cpu.server === null ? "" : ` + ${t.cpu.server.toFixed(1)} s PostgreSQL`}`;

async function timedImport(bench: BenchDatabase, options: ImportBenchOptions): Promise<Timed> {
  await resetUsage(bench);
  const fileName = path.basename(options.csvFile);
  return measured(bench, async () => {
    const report = await importUsageRows(bench.db, ACTOR, parseUsageFile(createReadStream(options.csvFile, { highWaterMark: 1 << 20 }), { fileName }), {
      mode: "strict",
      source: "file",
      fileName,
    });
    if (!report.written || report.accepted !== options.rows) {
      throw new Error(
        `import wrote ${report.accepted} of ${options.rows} rows (written: ${report.written}; first error: ${JSON.stringify(report.errors[0] ?? null)})`,
      );
    }
  });
}

async function countEvents(bench: BenchDatabase): Promise<number> {
  const [row] = await bench.db.sql.query<{ n: string | number }>(`SELECT count(*) AS n FROM "UsageEvent"`);
  return Number(row.n);
}

/** Parsing and validation alone (no database): where the import's CPU goes. */
export async function parseOnly(csvFile: string): Promise<number> {
  const t0 = performance.now();
  let n = 0;
  for await (const row of parseUsageFile(createReadStream(csvFile, { highWaterMark: 1 << 20 }), { fileName: path.basename(csvFile) })) {
    if ("event" in row) n++;
  }
  const ms = performance.now() - t0;
  log(`  parse + validate only: ${fmtMs(ms)} for ${n} rows (${fmtRate((n / ms) * 1000)})`);
  return ms;
}

export async function importBench(bench: BenchDatabase, options: ImportBenchOptions): Promise<Figure> {
  const dump = path.join(options.workDir, `usage-events-${bench.backend}.copy`);
  const imports: Timed[] = [];
  const baselines: Timed[] = [];
  let columns: string[] = [];
  for (let run = 0; run < options.runs; run++) {
    const imported = await timedImport(bench, options);
    log(`  import: ${fmtMs(imported.ms)} (${fmtRate((options.rows / imported.ms) * 1000)}), ${cpuText(imported)}`);
    imports.push(imported);
    if (run === 0) {
      // The baseline loads exactly what the import stored.
      if (bench.backend === "postgres") await dumpTablePostgres(bench.url, USAGE_EVENT_TABLE, dump);
      else await dumpTablePglite(bench.pglite, USAGE_EVENT_TABLE, dump);
      columns = await tableColumns((sql) => bench.db.sql.query(sql), "UsageEvent");
    }
    await resetUsage(bench);
    const baseline = await measured(bench, () =>
      bench.backend === "postgres" ? copyIntoPostgres(bench.url, USAGE_EVENT_TABLE, dump) : preparedLoopPglite(bench.pglite, USAGE_EVENT_TABLE, columns, dump),
    );
    const loaded = await countEvents(bench);
    if (loaded !== options.rows) throw new Error(`the baseline loaded ${loaded} of ${options.rows} rows`);
    log(
      `  ${bench.backend === "postgres" ? "raw COPY" : "prepared loop"}: ${fmtMs(baseline.ms)} (${fmtRate((options.rows / baseline.ms) * 1000)}), ${cpuText(baseline)}`,
    );
    baselines.push(baseline);
  }
  await resetUsage(bench);
  const importMs = imports.map((t) => t.ms);
  const baselineMs = baselines.map((t) => t.ms);
  const bestImport = Math.min(...importMs);
  const bestBaseline = Math.min(...baselineMs);
  const ratio = bestBaseline / bestImport;
  const best = imports[importMs.indexOf(bestImport)];
  const bestBase = baselines[baselineMs.indexOf(bestBaseline)];
  const baselineName = bench.backend === "postgres" ? "raw COPY" : "prepared INSERT loop";
  return {
    section: "import",
    backend: bench.backend,
    what: `File import, ${options.rows.toLocaleString("en-US")} rows (CSV → parse → validate → insert + rollups + findings, one transaction)`,
    measured: `${fmtRate((options.rows / bestImport) * 1000)} (${fmtMs(bestImport)})`,
    baseline: `${baselineName}: ${fmtRate((options.rows / bestBaseline) * 1000)} (${fmtMs(bestBaseline)})`,
    ratio,
    target: `≥ 0.5 × ${baselineName}`,
    pass: ratio >= 0.5,
    notes: [
      `best of ${options.runs} alternating runs each; import runs ${importMs.map(fmtMs).join(", ")}; ${baselineName} runs ${baselineMs.map(fmtMs).join(", ")}`,
      `CPU in the best runs: import ${cpuText(best)}; ${baselineName} ${cpuText(bestBase)}`,
    ],
    data: { rows: options.rows, imports, baselines },
  };
}
