// Comments and docs refer only to files in the repository: a clone has no ../shared beside it, so a pointer
// to ../shared/DESIGN.md or STACK.md sends a reader nowhere. Every docs/ page a comment or doc names exists,
// every repository path a docs/ page names exists, and the tables docs/ copies from the code (the role →
// permission table, the key scopes, the lifecycle's moves) say what the code declares.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSIONS, type Permission, SCOPE_PERMISSIONS } from "@/lib/authz/permissions";
import { TRANSITIONS } from "@/lib/lifecycle/transitions";

const ROOT = path.resolve(import.meta.dirname, "..");
const THIS_FILE = "scripts/docs-references.test.ts";

// Written by `npm run bench` from what it measured (the machine's settings include shared_buffers).
const GENERATED = new Set(["BENCHMARKS.md", "BENCHMARKS.json"]);

// An applied migration is checksummed by lib/db/migrate.ts: editing it, even a comment, makes every
// database it was applied to refuse to start. These lines predate docs/ and stay as they are.
const IMMUTABLE_LINES: Record<string, readonly string[]> = {
  "prisma/migrations/20261123112006_init/migration.sql": [
    "-- Audit trail is append-only (DESIGN.md section 4): the database itself refuses to change or remove",
  ],
};

const OUTSIDE_REFERENCE = /\.\.\/shared\b|(?:^|[\s"'`(/])shared\/(?:data|hooks)\b|\bDESIGN\.md\b|\bSTACK\.md\b/;

interface TextFile {
  file: string;
  lines: string[];
}

function trackedTextFiles(): TextFile[] {
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  const texts: TextFile[] = [];
  for (const file of files) {
    const full = path.join(ROOT, file);
    if (!existsSync(full)) continue; // deleted in the working tree, not yet committed
    const bytes = readFileSync(full);
    if (bytes.includes(0)) continue; // binary (the gzipped data files)
    texts.push({ file, lines: bytes.toString("utf8").split("\n") });
  }
  return texts;
}

const TEXTS = trackedTextFiles();
const DOCS = TEXTS.filter((t) => /^docs\/[^/]+\.md$/.test(t.file));

function doc(name: string): string {
  const found = DOCS.find((d) => d.file === `docs/${name}`);
  if (!found) throw new Error(`docs/${name} is missing`);
  return found.lines.join("\n");
}

/** The table rows of a markdown text whose first cell is one backticked word: that word → the other cells. */
function tableRows(markdown: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of markdown.split("\n")) {
    const cells = line
      .trim()
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    const key = /^`([^`]+)`$/.exec(cells[0] ?? "");
    if (key) rows.set(key[1], cells.slice(1));
  }
  return rows;
}

const backticked = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

describe("references in comments and docs", () => {
  it("name no file outside the repository (../shared, DESIGN.md, STACK.md)", () => {
    const found: string[] = [];
    for (const { file, lines } of TEXTS) {
      if (GENERATED.has(file) || file === THIS_FILE) continue;
      lines.forEach((line, i) => {
        if (OUTSIDE_REFERENCE.test(line) && !IMMUTABLE_LINES[file]?.includes(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found, "point these to the docs/ page that describes the same thing").toEqual([]);
  });

  it("to a docs/ page name one that exists", () => {
    const missing: string[] = [];
    for (const { file, lines } of TEXTS) {
      if (GENERATED.has(file)) continue;
      lines.forEach((line, i) => {
        for (const [, name] of line.matchAll(/\bdocs\/([\w.-]+\.md)\b/g)) {
          if (!existsSync(path.join(ROOT, "docs", name))) missing.push(`${file}:${i + 1}: docs/${name}`);
        }
      });
    }
    expect(missing).toEqual([]);
  });

  it("in docs/ link only to pages and name only paths that exist", () => {
    const missing: string[] = [];
    for (const { file, lines } of DOCS) {
      lines.forEach((line, i) => {
        for (const [, target] of line.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
          if (!/^[a-z]+:/.test(target) && !existsSync(path.join(ROOT, "docs", target))) missing.push(`${file}:${i + 1}: link ${target}`);
        }
        // A repository path written out (not a pattern such as lib/**/x.test.ts or lib/<subject>/…).
        for (const token of backticked(line)) {
          const candidate = token.replace(/ .*$/, "");
          if (/^(?:app|components|lib|scripts|e2e|prisma|data|docs|public)\/[\w.()[\]/-]*$/.test(candidate) && !existsSync(path.join(ROOT, candidate))) {
            missing.push(`${file}:${i + 1}: ${candidate}`);
          }
        }
      });
    }
    expect(missing).toEqual([]);
  });
});

describe("tables docs/ copies from the code", () => {
  it("roles-and-permissions.md lists every permission with exactly the roles lib/authz/permissions.ts grants", () => {
    const rows = tableRows(doc("roles-and-permissions.md"));
    const documented = Object.fromEntries(
      (Object.keys(PERMISSIONS) as Permission[]).map((permission) => [
        permission,
        rows.has(permission) ? backticked(rows.get(permission)![0]).sort() : "missing",
      ]),
    );
    const declared = Object.fromEntries(Object.entries(PERMISSIONS).map(([permission, roles]) => [permission, [...roles].sort()]));
    expect(documented).toEqual(declared);
  });

  it("roles-and-permissions.md gives each API key scope exactly its permissions", () => {
    const rows = tableRows(doc("roles-and-permissions.md"));
    const documented = Object.fromEntries(
      Object.keys(SCOPE_PERMISSIONS).map((scope) => [scope, rows.has(scope) ? backticked(rows.get(scope)![0]).sort() : "missing"]),
    );
    const declared = Object.fromEntries(Object.entries(SCOPE_PERMISSIONS).map(([scope, permissions]) => [scope, [...permissions].sort()]));
    expect(documented).toEqual(declared);
  });

  it("lifecycle.md lists every transition with its preconditions and nothing else", () => {
    const rows = tableRows(doc("lifecycle.md"));
    const preconditionIds = new Set(TRANSITIONS.flatMap((t) => t.preconditions));
    const documented = Object.fromEntries(
      [...rows].map(([name, cells]) => [
        name,
        backticked(cells.at(-1) ?? "")
          .filter((id) => preconditionIds.has(id as never))
          .sort(),
      ]),
    );
    const declared = Object.fromEntries(TRANSITIONS.map((t) => [t.name, [...t.preconditions].sort()]));
    expect(documented).toEqual(declared);
  });
});
