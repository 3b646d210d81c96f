// A file import killed mid-way (SIGKILL: no cleanup, no rollback by the process) and then retried ends
// with every event exactly once, in the events and in the rollups, against a real PostgreSQL.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connection";
import { importCommand } from "@/lib/ingestion/import-command";
import { openPostgresTestDatabase } from "@/lib/testing/test-database";

const ROWS = 150_000;
let db: Database & { url: string };
let dir: string;
let file: string;

function startImport(): {
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>;
  firstProgress: Promise<void>;
  kill: () => void;
} {
  const [bin, ...args] = importCommand(process.cwd());
  const child = spawn(bin, [...args, file], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: db.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  const firstProgress = new Promise<void>((resolve) => child.stderr.on("data", (chunk: Buffer) => chunk.toString().includes("rows read") && resolve()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stdout })),
  );
  return { done, firstProgress, kill: () => child.kill("SIGKILL") };
}

async function counts() {
  const [row] = await db.sql.query<{ events: number; distinct: number; rolled: number; imports: number }>(
    `SELECT (SELECT count(*)::int FROM "UsageEvent") AS events,
            (SELECT count(DISTINCT "eventId")::int FROM "UsageEvent") AS distinct,
            (SELECT coalesce(sum(requests), 0)::int FROM "UsageRollup") AS rolled,
            (SELECT count(*)::int FROM "UsageImport" WHERE state = 'completed') AS imports`,
  );
  return row;
}

beforeAll(async () => {
  db = await openPostgresTestDatabase(3);
  dir = mkdtempSync(path.join(tmpdir(), "warden-killed-"));
  file = path.join(dir, "usage.csv");
  const start = Date.UTC(2026, 9, 1);
  const lines = ["timestamp,model,provider,workflow,latency_ms,input_tokens,output_tokens,cost_usd,status,error_type"];
  for (let i = 0; i < ROWS; i++) {
    const failed = i % 23 === 0;
    lines.push(
      `${new Date(start + i * 17_000).toISOString()},${i % 3 ? "gpt-4.1" : "claude-haiku-4-5"},${i % 3 ? "openai" : "anthropic"},support-chat,${300 + (i % 4000)},${500 + (i % 900)},${80 + (i % 300)},0.00${1 + (i % 9)},${failed ? "error" : "ok"},${failed ? "timeout" : ""}`,
    );
  }
  writeFileSync(file, lines.join("\n") + "\n");
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("an import killed mid-way and retried", () => {
  it("ends with every event exactly once, in the events and the rollups", async () => {
    const killed = startImport();
    await killed.firstProgress;
    killed.kill();
    expect((await killed.done).signal).toBe("SIGKILL");

    const retried = startImport();
    const result = await retried.done;
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain(`${ROWS} written`);
    expect(await counts()).toEqual({ events: ROWS, distinct: ROWS, rolled: ROWS, imports: 1 });

    // And once more: the same file changes nothing.
    const again = await startImport().done;
    expect(again.stdout).toContain(`0 written`);
    expect(again.stdout).toContain(`${ROWS} duplicates`);
    expect(await counts()).toEqual({ events: ROWS, distinct: ROWS, rolled: ROWS, imports: 2 });
  }, 180_000);
});
