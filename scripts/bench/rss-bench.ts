// Figure 2: peak memory of importing a 1 GB CSV with the real command (what `npm run usage:import`
// runs, read from package.json, without npm's own process), read from outside: the process tree's
// resident set (/proc/<pid>/status VmRSS, summed over the tree, every 50 ms) and each process's own
// high-water mark (VmHWM). Beside it, the same command importing a 100-row file: what the runtime, Prisma
// and the database engine hold whatever the file's size.
import { spawn } from "node:child_process";
import { processTree, statusBytes } from "@/lib/bench/process-stats";
import { importCommand } from "@/lib/ingestion/import-command";
import { type Figure, fmtMiB, fmtMs, fmtRate, log } from "./figures";

export interface CommandMemory {
  ms: number;
  exitCode: number | null;
  /** Largest sum of VmRSS over the process tree at one sample. */
  peakTreeRss: number;
  /** Largest VmHWM of any one process of the tree (the importer itself). */
  peakProcessHwm: number;
  stdout: string;
  stderr: string;
}

export async function importCommandMemory(repoRoot: string, file: string, env: NodeJS.ProcessEnv): Promise<CommandMemory> {
  const [bin, ...args] = importCommand(repoRoot);
  const started = performance.now();
  const child = spawn(bin, [...args, file], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-20_000)));
  let peakTreeRss = 0;
  let peakProcessHwm = 0;
  const sample = () => {
    if (!child.pid) return;
    let sum = 0;
    for (const pid of processTree(child.pid)) {
      sum += statusBytes(pid, "VmRSS");
      peakProcessHwm = Math.max(peakProcessHwm, statusBytes(pid, "VmHWM"));
    }
    peakTreeRss = Math.max(peakTreeRss, sum);
  };
  const timer = setInterval(sample, 50);
  const exitCode = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  clearInterval(timer);
  return { ms: performance.now() - started, exitCode, peakTreeRss, peakProcessHwm, stdout, stderr };
}

export interface RssBenchOptions {
  repoRoot: string;
  backend: Figure["backend"];
  bigFile: { path: string; rows: number; bytes: number };
  smallFile: string;
  /** Environment selecting the database: DATABASE_URL, or WARDEN_DATA_DIR for PGlite. */
  env: NodeJS.ProcessEnv;
  /** Each run needs the database as before the import (the same file twice would be all duplicates). */
  reset: () => Promise<void>;
  limitBytes: number;
}

export async function rssBench(options: RssBenchOptions): Promise<Figure> {
  await options.reset();
  const small = await importCommandMemory(options.repoRoot, options.smallFile, options.env);
  if (small.exitCode !== 0) throw new Error(`the 100-row import failed (${small.exitCode}):\n${small.stdout}\n${small.stderr}`);
  log(`  100-row import: peak ${fmtMiB(small.peakTreeRss)} (tree), ${fmtMiB(small.peakProcessHwm)} (importer VmHWM)`);
  await options.reset();
  const big = await importCommandMemory(options.repoRoot, options.bigFile.path, options.env);
  const ok = big.exitCode === 0 && big.stdout.includes(`${options.bigFile.rows} written`);
  log(
    `  1 GB import: ${ok ? "ok" : `FAILED (exit ${big.exitCode})`} in ${fmtMs(big.ms)}, peak ${fmtMiB(big.peakTreeRss)} (tree), ${fmtMiB(big.peakProcessHwm)} (importer VmHWM)`,
  );
  const peak = Math.max(big.peakTreeRss, big.peakProcessHwm);
  const fixed = Math.max(small.peakTreeRss, small.peakProcessHwm);
  // PostgreSQL runs in its own processes, so the command's memory is the import's. PGlite is the database
  // engine inside the command: its memory counts too, and the 100-row run shows how much of the total is
  // fixed (engine, runtime, modules) rather than the import's.
  const embedded = options.backend === "pglite";
  return {
    section: "rss",
    backend: options.backend,
    what: `Peak memory of \`npm run usage:import\` on a ${fmtMiB(options.bigFile.bytes)} CSV (${options.bigFile.rows.toLocaleString("en-US")} rows)`,
    measured: `${fmtMiB(peak)} peak RSS (tree sum ${fmtMiB(big.peakTreeRss)}, importer VmHWM ${fmtMiB(big.peakProcessHwm)}); ${fmtMs(big.ms)}, ${fmtRate((options.bigFile.rows / big.ms) * 1000)}`,
    baseline: `same command on a 100-row file: ${fmtMiB(fixed)}`,
    ratio: null,
    target: embedded
      ? `≤ ${fmtMiB(options.limitBytes)}, the database engine in the same process included (${fmtMiB(peak - fixed)} above the 100-row run)`
      : `≤ ${fmtMiB(options.limitBytes)}`,
    pass: ok ? peak <= options.limitBytes : null,
    notes: ok ? [big.stdout.trim().split("\n")[0]] : [`the import did not complete: ${(big.stdout + big.stderr).trim().split("\n").slice(-5).join(" | ")}`],
    data: { big: { ...big, stdout: undefined, stderr: undefined }, small: { ...small, stdout: undefined, stderr: undefined } },
  };
}
