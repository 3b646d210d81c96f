// The production server for the online-ingest figures: a copy of the repository in its own folder (so the
// build never touches a `.next` that a developer's `next dev` is using), built with `next build` when the
// copy's sources differ from those of its last build, and started with `tsx scripts/start.ts` (what
// `npm start` runs) on a free port against the benchmark's database.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, createWriteStream, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readEnv } from "@/lib/env";
import { log } from "./figures";

/** Top-level entries not copied: dependencies (linked instead), build output, data, test output. */
const SKIP = new Set(["node_modules", ".next", ".git", ".data", "test-results", "playwright-report", "tsconfig.tsbuildinfo"]);

function sourceHash(dir: string): string {
  const hash = createHash("sha256");
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (d === dir && SKIP.has(entry.name)) continue;
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) hash.update(path.relative(dir, p)).update("\0").update(readFileSync(p));
    }
  };
  walk(dir);
  return hash.digest("hex");
}

export interface AppBuild {
  dir: string;
  built: boolean;
  buildMs: number;
}

/** Copies the repository to `appDir` (node_modules linked) and builds it unless its last build had the same sources. */
export function prepareApp(repoRoot: string, appDir: string): AppBuild {
  mkdirSync(appDir, { recursive: true });
  for (const entry of readdirSync(appDir))
    if (!SKIP.has(entry) && entry !== ".bench-build-stamp") rmSync(path.join(appDir, entry), { recursive: true, force: true });
  for (const entry of readdirSync(repoRoot)) {
    if (SKIP.has(entry)) continue;
    cpSync(path.join(repoRoot, entry), path.join(appDir, entry), { recursive: true, dereference: false });
  }
  // Turbopack refuses a node_modules that resolves outside the project folder, so a symlink will not do:
  // hard links (same file system) cost no copy; otherwise a real copy.
  const modules = path.join(appDir, "node_modules");
  if (!existsSync(path.join(modules, "next", "package.json")) || lstatSync(modules).isSymbolicLink()) {
    rmSync(modules, { recursive: true, force: true });
    const linked = spawnSync("cp", ["-al", path.join(repoRoot, "node_modules"), modules]);
    if (linked.status !== 0) cpSync(path.join(repoRoot, "node_modules"), modules, { recursive: true });
  }
  const stampFile = path.join(appDir, ".bench-build-stamp");
  const hash = sourceHash(appDir);
  const upToDate = existsSync(path.join(appDir, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === hash;
  if (upToDate) {
    log(`  app build in ${appDir} is current (same sources as its last build)`);
    return { dir: appDir, built: false, buildMs: 0 };
  }
  log(`  next build in ${appDir} …`);
  const started = performance.now();
  const result = spawnSync(path.join(modules, ".bin", "next"), ["build"], {
    cwd: appDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", NODE_ENV: "production" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`next build failed:\n${(result.stdout + result.stderr).split("\n").slice(-40).join("\n")}`);
  writeFileSync(stampFile, hash);
  const buildMs = performance.now() - started;
  log(`  built in ${(buildMs / 1000).toFixed(0)} s`);
  return { dir: appDir, built: true, buildMs };
}

export interface RunningServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `tsx scripts/start.ts` with PORT and the database environment; resolves once it answers HTTP. */
export async function startServer(appDir: string, port: number, env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const child: ChildProcess = spawn(path.join(appDir, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    cwd: appDir,
    env: { ...env, PORT: String(port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  // WARDEN_BENCH_SERVER_LOG=file keeps all the server printed, not only the tail shown when it fails.
  const serverLogFile = readEnv().WARDEN_BENCH_SERVER_LOG;
  const serverLog = serverLogFile ? createWriteStream(serverLogFile, { flags: "a" }) : null;
  child.stdout?.on("data", (d) => ((output = (output + d).slice(-10_000)), serverLog?.write(d)));
  child.stderr?.on("data", (d) => ((output = (output + d).slice(-10_000)), serverLog?.write(d)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/api/v1/usage`, { method: "POST", signal: AbortSignal.timeout(5_000) });
      // 401 without a key: the route is there and the server is up.
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`the server did not answer within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Creates an ingest:write API key with the real command (before the server opens a PGlite folder). */
export function createIngestKey(repoRoot: string, env: NodeJS.ProcessEnv): string {
  const result = spawnSync(
    path.join(repoRoot, "node_modules", ".bin", "tsx"),
    ["--import", "./scripts/server-only-hook.mjs", "scripts/apikey-create.ts", "--name", `bench-${Date.now()}`, "--scopes", "ingest:write"],
    {
      cwd: repoRoot,
      env,
      encoding: "utf8",
    },
  );
  const key = result.stdout.trim().split("\n").pop() ?? "";
  if (result.status !== 0 || !key) throw new Error(`apikey-create failed:\n${result.stdout}${result.stderr}`);
  return key;
}

export const isDirectory = (p: string) => existsSync(p) && statSync(p).isDirectory();
