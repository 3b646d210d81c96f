// `npm run bench`: measures every speed figure (issue 4's, and the audit page's) beside its physical baseline, on PostgreSQL and
// on the embedded database (PGlite), and writes BENCHMARKS.md (+ BENCHMARKS.json with the raw numbers).
//
//   npm run bench                         everything (hours on 2 cores: PGlite at 10 M events is most of it)
//   npm run bench -- --quick              a smoke run: 100k rows, a 100 MB file, 100k-event dashboards, short online phases
//   npm run bench -- --only import,rss    some of: import, rss, online, dashboards, audit, pages
//   npm run bench -- --only pages         every route's first-load JavaScript (gzipped) beside its budget, from
//                                         the production build (built in --app-dir like the online part)
//   npm run bench -- --backend postgres   one backend (postgres or pglite)
//   --pg-url <url>     use this PostgreSQL server (it creates warden_bench_* databases) instead of starting a
//                      throwaway cluster like `npm test` does
//   --app-dir <dir>    where the online and pages parts copy and build the app (default <tmp>/warden-bench-app; it
//                      runs `next build` there when the sources differ from its last build, never in the repository)
//   --next-dir <dir>   the pages part reads this build output (a `.next` folder) instead of building
//   --work-dir <dir>   generated files and PGlite folders (default: a temp folder, removed at the end)
//   --out <file>       the report (default BENCHMARKS.md in the repository; BENCHMARKS.json beside it keeps
//                      the history: a run replaces the figures of the parts it ran and keeps the others)
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import pg from "pg";
import { type BenchCatalog, prepareBenchCatalog } from "@/lib/bench/bench-catalog";
import { type Backend, type BenchDatabase, freshPostgres, openPgliteAt, resetUsage } from "@/lib/bench/bench-database";
import { describePostgres, startBenchPostgres } from "@/lib/bench/bench-postgres";
import { bulkLoadUsage } from "@/lib/bench/bulk-load";
import { machineFacts } from "@/lib/bench/machine";
import { postmasterPid } from "@/lib/bench/process-stats";
import { syntheticUsage } from "@/lib/bench/synthetic-usage";
import { type PostgresCluster, freePort } from "@/lib/testing/postgres-cluster";
import { createIngestKey, prepareApp, startServer } from "./bench/app-server";
import { auditBench } from "./bench/audit-bench";
import { dashboardsBench } from "./bench/dashboards-bench";
import { writeCsv } from "./bench/data";
import { type Figure, type Section, fmtInt, log } from "./bench/figures";
import { EMPTY_HISTORY, mergeRun, readHistory, type Skipped } from "./bench/history";
import { importBench, parseOnly } from "./bench/import-bench";
import { WARMUP_SECONDS, batchBodies, onlineBench, otlpBodies } from "./bench/online-bench";
import { pagesBench } from "./bench/pages-bench";
import { renderReport } from "./bench/report";
import { rssBench } from "./bench/rss-bench";

const SECTIONS: Section[] = ["import", "rss", "online", "dashboards", "audit", "pages"];
const repoRoot = path.resolve(import.meta.dirname, "..");

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    quick: { type: "boolean" },
    only: { type: "string", multiple: true },
    backend: { type: "string" },
    "pg-url": { type: "string" },
    "app-dir": { type: "string" },
    "next-dir": { type: "string" },
    "work-dir": { type: "string" },
    out: { type: "string" },
    "dashboard-events": { type: "string" },
  },
});
const only = new Set(
  (values.only ?? [])
    .flatMap((v) => v.split(","))
    .map((s) => s.trim())
    .filter(Boolean),
);
for (const s of only) if (!SECTIONS.includes(s as Section)) fail(`--only expects ${SECTIONS.join(", ")}; got "${s}"`);
const sections = SECTIONS.filter((s) => only.size === 0 || only.has(s));
if (values.backend && values.backend !== "postgres" && values.backend !== "pglite") fail(`--backend expects postgres or pglite; got "${values.backend}"`);
const backends: Backend[] = values.backend ? [values.backend as Backend] : ["postgres", "pglite"];
const quick = values.quick ?? false;

function fail(message: string): never {
  console.error(`scripts/bench.ts: ${message}`);
  process.exit(2);
}

const SIZES = quick
  ? { importRows: 100_000, rssBytes: 100 * 1024 ** 2, dashboards: [100_000], rateSeconds: 10, capacitySeconds: 8, importRuns: 1, auditEvents: 100_000 }
  : {
      importRows: 1_000_000,
      rssBytes: 1024 ** 3,
      dashboards: [1_000_000, 10_000_000],
      rateSeconds: 30,
      capacitySeconds: 20,
      importRuns: 2,
      auditEvents: 1_000_000,
    };

// --dashboard-events 1000000 measures the dashboards at those sizes only (PGlite at 10 M takes hours).
if (values["dashboard-events"]) {
  const sizes = values["dashboard-events"].split(",").map((v) => Number(v.replaceAll("_", "").trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1_000))
    fail(`--dashboard-events expects event counts of at least 1000, comma-separated; got "${values["dashboard-events"]}"`);
  SIZES.dashboards = sizes;
}

const command = `npm run bench${
  process.argv.length > 2
    ? ` -- ${process.argv
        .slice(2)
        .filter((a) => a !== "--")
        .join(" ")}`
    : ""
}`;
const startedAt = new Date();
const loadBefore = machineFacts().loadAverage;
const workDir = values["work-dir"] ? path.resolve(values["work-dir"]) : mkdtempSync(path.join(os.tmpdir(), "warden-bench-"));
mkdirSync(workDir, { recursive: true });
const figures: Figure[] = [];
const diagnostics: string[] = [];
const skipped: Skipped[] = [];
// Every synthetic event lies before this hour; the dashboards read the 30 days (35 for drift) up to it.
const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);

// The pages part reads a build, no database: the backends matter only to the others.
log(
  `Warden benchmark: ${sections.join(", ")}${sections.some((s) => s !== "pages") ? ` on ${backends.join(" and ")}` : ""}${quick ? " (quick)" : ""}; files in ${workDir}`,
);

let cluster: PostgresCluster | null = null;
let pgUrl = values["pg-url"] ?? null;
let pgPid: number | null = null;
let postgresInfo: { version: string; settings: Record<string, string>; where: string } | null = null;

async function ensurePostgres(): Promise<string> {
  if (pgUrl && postgresInfo) return pgUrl;
  if (!pgUrl) {
    log("Starting a throwaway PostgreSQL cluster …");
    cluster = await startBenchPostgres();
    pgUrl = cluster.url;
    pgPid = postmasterPid(path.join(cluster.dir, "data"));
  } else {
    // A server on this machine: its CPU time can be counted when its data folder is readable.
    try {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      const dir = (await client.query<{ d: string }>("SELECT current_setting('data_directory') AS d")).rows[0].d;
      await client.end();
      pgPid = existsSync(path.join(dir, "postmaster.pid")) ? postmasterPid(dir) : null;
    } catch {
      pgPid = null;
    }
  }
  const info = await describePostgres(pgUrl);
  postgresInfo = { ...info, where: cluster ? "throwaway cluster started by the benchmark" : `server at ${new URL(pgUrl).host}` };
  return pgUrl;
}

/** A database for one part: a fresh PostgreSQL database, or a new PGlite folder; with the demo catalog. */
async function openBench(backend: Backend, name: string): Promise<BenchDatabase> {
  const bench = backend === "postgres" ? await freshPostgres(await ensurePostgres(), name, pgPid) : await openPgliteAt(path.join(workDir, name));
  return bench;
}

function routePresent(file: string): boolean {
  return existsSync(path.join(repoRoot, file));
}

async function runImport() {
  const csv = path.join(workDir, `usage-${SIZES.importRows}.csv`);
  let rows = 0;
  for (const backend of backends) {
    log(`Import (${backend})`);
    const bench = await openBench(backend, "warden_bench_import");
    try {
      const catalog = await prepareBenchCatalog(bench.db, now);
      if (rows === 0) {
        log(`  writing ${fmtInt(SIZES.importRows)} synthetic rows to ${csv} …`);
        rows = (await writeCsv(csv, syntheticUsage({ now, events: SIZES.importRows, catalog }))).rows;
        const parseMs = await parseOnly(csv);
        diagnostics.push(
          `Parsing and validating the ${fmtInt(rows)}-row CSV alone (no database): ${(parseMs / 1000).toFixed(2)} s, ${fmtInt((rows / parseMs) * 1000)} rows/s.`,
        );
      }
      const figure = await importBench(bench, { csvFile: csv, rows, workDir, runs: backend === "pglite" ? 1 : SIZES.importRuns });
      figure.notes.push(...diagnostics.filter((d) => d.startsWith("Parsing")));
      figures.push(figure);
    } catch (error) {
      skipped.push({ section: "import", backend, reason: `failed: ${(error as Error).message}` });
      log(`  FAILED: ${(error as Error).stack}`);
    } finally {
      await bench.db.close();
    }
  }
}
async function runRss() {
  const big = path.join(workDir, `usage-${Math.round(SIZES.rssBytes / 1024 ** 2)}MiB.csv`);
  const small = path.join(workDir, "usage-100.csv");
  let bigFile: { path: string; rows: number; bytes: number } | null = null;
  for (const backend of backends) {
    log(`Memory of a ${Math.round(SIZES.rssBytes / 1024 ** 2)} MiB import (${backend})`);
    const name = "warden_bench_rss";
    let bench: BenchDatabase | null = await openBench(backend, name);
    try {
      const catalog = await prepareBenchCatalog(bench.db, now);
      if (!bigFile) {
        log(`  writing ${big} …`);
        // About 206 bytes a row: enough events to fill the file, over the same 35 days.
        const written = await writeCsv(big, syntheticUsage({ now, events: Math.ceil((SIZES.rssBytes / 200) * 1.03), catalog }), SIZES.rssBytes);
        bigFile = { path: big, ...written };
        await writeCsv(small, syntheticUsage({ now, events: 2_000, catalog }), 100 * 230);
      }
      const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
      let reset: () => Promise<void>;
      if (bench.backend === "postgres") {
        env.DATABASE_URL = bench.url;
        const current = bench;
        reset = () => resetUsage(current);
      } else {
        // PGlite is one process: the command opens the folder itself, so the benchmark lets go of it.
        delete env.DATABASE_URL;
        env.WARDEN_DATA_DIR = bench.dir;
        const dir = bench.dir;
        await bench.db.close();
        bench = null;
        reset = async () => {
          const b = await openPgliteAt(dir);
          try {
            await resetUsage(b);
          } finally {
            await b.db.close();
          }
        };
      }
      figures.push(await rssBench({ repoRoot, backend, bigFile, smallFile: small, env, reset, limitBytes: 300 * 1024 ** 2 }));
    } catch (error) {
      skipped.push({ section: "rss", backend, reason: `failed: ${(error as Error).message}` });
      log(`  FAILED: ${(error as Error).stack}`);
    } finally {
      await bench?.db.close();
    }
  }
}

async function runDashboards() {
  for (const backend of backends) {
    for (const events of SIZES.dashboards) {
      log(`Dashboards at ${fmtInt(events)} events (${backend})`);
      const bench = await openBench(backend, `warden_bench_dash_${events}`);
      try {
        const catalog = await prepareBenchCatalog(bench.db, now);
        const started = performance.now();
        const loaded = await bulkLoadUsage(bench, syntheticUsage({ now, events, catalog }), {
          onProgress: (n) => n % 1_000_000 < 50_000 && log(`  loaded ${fmtInt(n)} events`),
        });
        log(`  ${fmtInt(loaded.events)} events with rollups and findings in ${((performance.now() - started) / 1000).toFixed(0)} s`);
        if (loaded.rollupRequests.hour !== loaded.events || loaded.rollupRequests.day !== loaded.events) {
          throw new Error(`rollups count ${loaded.rollupRequests.hour} (hourly) and ${loaded.rollupRequests.day} (daily) requests for ${loaded.events} events`);
        }
        const results = await dashboardsBench(bench, {
          now,
          events: loaded.events,
          rollupRuns: 30,
          rawRuns: events >= 10_000_000 ? 2 : 3,
          targetP95Ms: events >= 10_000_000 ? 300 : 100,
        });
        for (const f of results)
          f.notes.push(
            `loaded in ${(loaded.ms / 1000).toFixed(0)} s (COPY + the ingest path's rollup and finding functions); hourly and daily rollups both count ${fmtInt(loaded.events)} requests`,
          );
        figures.push(...results);
        // Ten million events take the better part of an hour to load: keep each size's figures as they come.
        writeReport([...done, "dashboards"]);
      } catch (error) {
        skipped.push({ section: "dashboards", backend: `${backend}, ${fmtInt(events)} events`, reason: `failed: ${(error as Error).message}` });
        log(`  FAILED: ${(error as Error).stack}`);
      } finally {
        await bench.db.close();
      }
    }
  }
}

/**
 * Request bodies for both endpoints, from one array split in two so each endpoint gets events of its own
 * (a generator shared by both would be closed by the first consumer's early exit). Only the encoded
 * bodies outlive this function.
 */
function onlineBodies(catalog: BenchCatalog, needed: number, perBody: number) {
  const rows = [...syntheticUsage({ now, events: needed * perBody * 2 + 50_000, catalog, days: 35 })];
  return { batch: batchBodies(rows.slice(0, needed * perBody), perBody, needed), otlp: otlpBodies(rows.slice(needed * perBody), perBody, needed) };
}

/** A full garbage collection now (V8's gc(), exposed at run time). */
function collectGarbage() {
  v8.setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** The production build the online and pages parts use: a copy of the repository, built when its sources changed. */
let appBuild: ReturnType<typeof prepareApp> | null = null;
function ensureAppBuild(): ReturnType<typeof prepareApp> {
  if (appBuild) return appBuild;
  const appDir = path.resolve(values["app-dir"] ?? path.join(os.tmpdir(), "warden-bench-app"));
  appBuild = prepareApp(repoRoot, appDir);
  diagnostics.push(
    appBuild.built
      ? `\`next build\` ran in ${appDir} (${(appBuild.buildMs / 1000).toFixed(0)} s, a copy of the repository).`
      : `The build in ${appDir} was current and reused.`,
  );
  return appBuild;
}

function runPages() {
  let nextDir: string;
  let describe: string;
  if (values["next-dir"]) {
    nextDir = path.resolve(values["next-dir"]);
    describe = `the build in ${nextDir}`;
  } else {
    log("Pages: preparing the production build");
    nextDir = path.join(ensureAppBuild().dir, ".next");
    describe = "a build of this checkout";
  }
  try {
    figures.push(...pagesBench(nextDir, describe).figures);
    diagnostics.push(`Pages: first-load JavaScript read from ${describe}${values["next-dir"] ? "" : ` (${nextDir})`}.`);
  } catch (error) {
    skipped.push({ section: "pages", reason: `failed: ${(error as Error).message}` });
    log(`  FAILED: ${(error as Error).stack}`);
  }
}

async function runOnline() {
  const endpoints = [
    { endpoint: "batch" as const, file: "app/api/v1/usage/route.ts" },
    { endpoint: "otlp" as const, file: "app/v1/traces/route.ts" },
  ].filter((e) => {
    if (routePresent(e.file)) return true;
    skipped.push({
      section: "online",
      backend: e.endpoint === "batch" ? "POST /api/v1/usage" : "POST /v1/traces",
      reason: `not available (${e.file} is not in the repository)`,
    });
    return false;
  });
  if (endpoints.length === 0) return;
  log("Online ingest: preparing the production build");
  const appDir = ensureAppBuild().dir;
  const target = 5_000;
  const perBody = 250;
  for (const backend of backends) {
    log(`Online ingest (${backend})`);
    const bench = await openBench(backend, "warden_bench_online");
    let server: Awaited<ReturnType<typeof startServer>> | null = null;
    try {
      const catalog = await prepareBenchCatalog(bench.db, now);
      // A production server on PostgreSQL requires AUTH_SECRET (README, Configuration); any value will do here.
      const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", AUTH_SECRET: randomBytes(32).toString("base64") };
      if (bench.backend === "postgres") env.DATABASE_URL = bench.url;
      else {
        delete env.DATABASE_URL;
        env.WARDEN_DATA_DIR = bench.dir;
      }
      // Enough unique events for both phases of both endpoints, made before any clock starts.
      const needed = Math.ceil(((target * (SIZES.rateSeconds + WARMUP_SECONDS)) / perBody + (SIZES.capacitySeconds * 3 * target) / perBody + 10) * 1.1);
      const { batch, otlp } = onlineBodies(catalog, needed, perBody);
      log(`  ${batch.length} JSON and ${otlp.length} OTLP bodies of ${perBody} events made`);
      // The million event objects the bodies were made from are garbage now: collected here, or a major GC
      // of this process would pause the client mid-phase (330 ms seen) and count as server latency.
      collectGarbage();
      await bench.db.close();
      const key = createIngestKey(repoRoot, env);
      server = await startServer(appDir, await freePort(), env);
      for (const { endpoint } of endpoints) {
        const figure = await onlineBench({
          endpoint,
          backend,
          url: server.url,
          key,
          bodies: endpoint === "batch" ? batch : otlp,
          targetEventsPerSecond: target,
          targetP99Ms: 200,
          rateSeconds: SIZES.rateSeconds,
          capacitySeconds: SIZES.capacitySeconds,
          clients: 4,
        });
        figures.push(figure);
      }
    } catch (error) {
      skipped.push({ section: "online", backend, reason: `failed: ${(error as Error).message}` });
      log(`  FAILED: ${(error as Error).stack}`);
    } finally {
      await server?.stop();
    }
  }
}

const pgliteVersion = JSON.parse(readFileSync(path.join(repoRoot, "node_modules/@electric-sql/pglite/package.json"), "utf8")).version as string;
const NOTES = [
  "Synthetic data (lib/bench/synthetic-usage.ts): the demo's traffic model (lib/demo/demo-usage.ts) — arrivals replaying the inter-arrival gaps of the Azure LLM inference traces (2023, code and conversation) under a daily and weekly curve, input and output tokens drawn from the traces' (context, generated) pairs — over the demo's 8 workflows and 13 models with fallbacks, a deprecated model burning down, an unapproved model, a silent substitution, errors, retries, regions, users, quality scores and feedback; the last 35 days before the run's hour, at the volume asked for. Each database holds the demo catalog (no usage) so imports resolve models and workflows and raise findings.",
  "File import: the real path, `parseUsageFile` on the CSV file (streamed) into `importUsageRows` (strict, one transaction with its audit event, rollups and findings), in this process. The baseline loads exactly the rows the import stored (dumped from the table after the first import) into the same table, emptied first, with the same indexes and foreign keys: `COPY … FROM STDIN` on PostgreSQL; on PGlite an INSERT prepared once and executed row by row (Bind/Execute/Sync per row) in one transaction. Runs alternate; the best of each is compared.",
  "Memory: the command `npm run usage:import` runs (read from package.json: one node process running the command bundled by esbuild, V8 old space capped at 128 MB, 2 MB young-generation semi-spaces) as a child process; its process tree's RSS is sampled every 50 ms from /proc and each process's VmHWM read. PostgreSQL runs in its own processes, so the figure is the import's own. PGlite runs inside the importing process, so there the figure judged is the total, the database engine included; the same command on a 100-row file shows how much of it is fixed.",
  "Online ingest: the production build (`next build`, `tsx scripts/start.ts`) on a fresh database with an `ingest:write` key made by `tsx scripts/apikey-create.ts`; the load generator (fetch) runs in the benchmark process on the same 2 cores. Each endpoint first gets 5 requests one by one and 5 s at the offered rate, not counted (a server that has been running has its hot paths optimised). Latency is from each batch's scheduled send time to its answer, which Warden sends only after the batch is committed.",
  "Audit trail: the demo catalog plus N synthetic audit events over a year, chained exactly as Warden chains them (written with one INSERT … unnest per 10,000, then ANALYZE); each page is `listAuditEvents` (lib/audit/audit-query.ts), the service the audit page calls, 50 rows, timed 30 times after 3 untimed runs. The baseline is the deep page read by OFFSET instead of the keyset cursor. The whole chain is then verified with the service behind `npm run audit:verify`.",
  "Dashboards: the services the pages and the API call (lib/analytics/overview-query.ts, timeseries-query.ts, drift-query.ts) against the same answers computed from the raw events (overviewFromRawEvents, driftFromRawEvents, lib/bench/raw-charts.ts). Events are loaded with COPY plus the ingest path's own rollup and finding functions, then VACUUM ANALYZE; autovacuum is off during the benchmark so no background vacuum lands inside a timed run.",
  "Pages: the production build's manifests (scripts/bench/pages-bench.ts): for each route, Next's runtime and polyfills plus the chunks of every entry the page renders with (root and group layouts, their error, not-found and forbidden boundaries, the page), each file once, gzipped at level 9; the polyfills are a `noModule` script current browsers skip, counted anyway. Chunks imported with next/dynamic load after the page and are shown apart. A route draws charts when a chunk it loads (first or on demand) holds recharts; its budget is then 250 KiB, else 200 KiB.",
];
const out = path.resolve(values.out ?? path.join(repoRoot, "BENCHMARKS.md"));
mkdirSync(path.dirname(out), { recursive: true });
const jsonOut = out.replace(/\.md$/, ".json");
const previous = existsSync(jsonOut) ? readHistory(JSON.parse(readFileSync(jsonOut, "utf8"))) : EMPTY_HISTORY;

async function runAudit() {
  for (const backend of backends) {
    log(`Audit trail at ${fmtInt(SIZES.auditEvents)} events (${backend})`);
    const bench = await openBench(backend, "warden_bench_audit");
    try {
      await prepareBenchCatalog(bench.db, now);
      figures.push(...(await auditBench(bench, { events: SIZES.auditEvents, runs: 30, targetP95Ms: 100, now })));
    } catch (error) {
      skipped.push({ section: "audit", backend, reason: `failed: ${(error as Error).message}` });
      log(`  FAILED: ${(error as Error).stack}`);
    } finally {
      await bench.db.close();
    }
  }
}

/** Writes the report with the sections done so far, so a run cut short keeps what it measured. */
function writeReport(done: readonly Section[]) {
  const history = mergeRun(
    previous,
    {
      command,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: machineFacts(),
      loadBefore,
      loadAfter: machineFacts().loadAverage,
      postgres: postgresInfo,
      pglite: `${pgliteVersion} (PostgreSQL 17 in WebAssembly, in the Node process, data folder on disk)`,
      diagnostics: diagnostics.filter((d) => !d.startsWith("Parsing")),
    },
    { sections: done, backends, dashboardEvents: SIZES.dashboards },
    figures,
    skipped,
  );
  writeFileSync(out, renderReport(history, NOTES));
  writeFileSync(jsonOut, JSON.stringify(history, null, 2));
}

const done: Section[] = [];
try {
  for (const section of sections) {
    if (section === "import") await runImport();
    if (section === "rss") await runRss();
    if (section === "online") await runOnline();
    if (section === "dashboards") await runDashboards();
    if (section === "audit") await runAudit();
    if (section === "pages") runPages();
    done.push(section);
    writeReport(done);
  }
} finally {
  (cluster as PostgresCluster | null)?.stop();
  if (!values["work-dir"]) rmSync(workDir, { recursive: true, force: true });
}
log(`Wrote ${out}`);
const failed = figures.filter((f) => f.pass === false).length;
const unmeasured = figures.filter((f) => f.pass === null).length + skipped.length;
log(`${figures.filter((f) => f.pass === true).length} passed, ${failed} failed, ${unmeasured} not measured`);
process.exit(0);
