// `npm run audit:verify` as an operator runs it, on an embedded database in a temporary folder: intact,
// the head saved, then a tampered event found, and a bad head file refused with exit code 2.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { openDatabase } from "@/lib/db/connection";
import { applyMigrations } from "@/lib/db/migrate";

const ROOT = path.resolve(import.meta.dirname, "..");
let dir: string;

const run = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "scripts/audit-verify.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, WARDEN_DATA_DIR: path.join(dir, "db"), DATABASE_URL: "" },
    encoding: "utf8",
  });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "warden-audit-verify-"));
  const db = await openDatabase({ dataDir: path.join(dir, "db") });
  await applyMigrations(db.sql);
  for (let i = 0; i < 3; i++) {
    await db.prisma.$transaction((tx) =>
      recordAudit(tx, { kind: "cli", label: "test" }, { action: "model.update", targetType: "model", targetId: `m${i}`, after: { i } }),
    );
  }
  await db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run audit:verify", () => {
  it("says the trail is intact up to its head and saves the head", () => {
    const result = run("--save-head", path.join(dir, "head.json"));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Audit trail intact up to event 3 \(head [0-9a-f]{64}\)\./);
    expect(JSON.parse(readFileSync(path.join(dir, "head.json"), "utf8"))).toMatchObject({ format: "warden-audit-head/1", seq: "3" });
  });

  it("names the first broken event after tampering, and exits 1", async () => {
    const db = await openDatabase({ dataDir: path.join(dir, "db") });
    await db.sql.exec(
      `SET session_replication_role = replica; UPDATE "AuditEvent" SET "after" = '{"i": 99}' WHERE "seq" = 2; SET session_replication_role = origin;`,
    );
    await db.close();
    const result = run("--head", path.join(dir, "head.json"));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("Audit trail BROKEN at event 2 (hash_mismatch)");
    expect(result.stdout).toContain("intact up to event 1");
  });

  it("refuses a head file that is not one, with exit code 2", () => {
    writeFileSync(path.join(dir, "bad.json"), "{}");
    const result = run("--head", path.join(dir, "bad.json"));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("format must be");
  });
});
