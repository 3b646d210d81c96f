// Prisma's schema engine compiled to WebAssembly, driven on an in-memory PGlite. Prisma 7's CLI wants a
// native engine it cannot download here; the wasm build ships in node_modules and diffs just as well.
// Used to write new migrations (scripts/migration-create.ts) and to prove that the committed migrations
// produce exactly the database that schema.prisma describes (schema-diff.test.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { MIGRATIONS_DIR, readMigrations } from "./migrate";

export const SCHEMA_PATH = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

interface WasmSchemaEngine {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
}

let engineClass: { new: (options: unknown, debug: (s: string) => void, adapter: object) => Promise<WasmSchemaEngine> } | undefined;

async function loadEngineClass() {
  if (engineClass) return engineClass;
  const require = createRequire(import.meta.url);
  const runtimePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const runtime = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as Record<string, unknown> & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
    SchemaEngine: NonNullable<typeof engineClass>;
  };
  const wasm = readFileSync(runtimePath.replace(/schema_engine_bg\.js$/, "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), { "./schema_engine_bg.js": runtime as never });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  engineClass = runtime.SchemaEngine;
  return engineClass!;
}

type DiffSource = "empty" | "schema" | "migrations";

/** The SQL that takes a database from `from` to `to`; an empty string when they already agree. */
export async function diffSchema(from: DiffSource, to: DiffSource, schemaText = readFileSync(SCHEMA_PATH, "utf8")): Promise<string> {
  const Engine = await loadEngineClass();
  const pglite = new PGlite();
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
  const engine = await Engine.new({ datamodels: [["schema.prisma", schemaText]] }, () => undefined, factory);
  const target = (source: DiffSource) => {
    if (source === "empty") return { tag: "empty" };
    if (source === "schema") return { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schemaText }] };
    return {
      tag: "migrations",
      baseDir: MIGRATIONS_DIR,
      lockfile: { path: "migration_lock.toml", content: readFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8") },
      migrationDirectories: readMigrations().map((m) => ({
        path: path.join(MIGRATIONS_DIR, m.name),
        migrationFile: { path: "migration.sql", content: { tag: "ok", value: m.sql } },
      })),
      shadowDbInitScript: "",
    };
  };
  try {
    const result = await engine.diff({
      from: target(from),
      to: target(to),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const script = (result.stdout ?? "").trim();
    return script === "-- This is an empty migration." ? "" : script;
  } finally {
    engine.free();
    await pglite.close();
  }
}
