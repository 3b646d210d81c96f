// `npm run catalog:import -- [<file>…]`: imports a LiteLLM price catalog or a models.dev JSON (plain or
// gzipped) into the configured database; without files, the two public catalogs shipped in data/.
// Idempotent; a malformed file writes nothing and says what is wrong and where.
import path from "node:path";
import { CatalogFormatError } from "@/lib/catalog/catalog-format-error";
import { importCatalogText } from "@/lib/catalog/catalog-import";
import { openDatabase } from "@/lib/db/connection";
import { applyMigrations } from "@/lib/db/migrate";
import { PUBLIC_CATALOG_FILES, publicDataPath, readTextFile } from "@/lib/public-data";

const args = process.argv.slice(2).filter((a) => a !== "--");
const verbose = args.includes("--verbose");
const unknown = args.filter((a) => a.startsWith("--") && a !== "--verbose");
if (unknown.length > 0) {
  console.error(
    `Unknown option ${unknown[0]}.\nUsage: npm run catalog:import -- [<litellm.json|models.dev.json>[.gz] …] [--verbose]\n(without files: the public catalogs shipped in data/)`,
  );
  process.exit(2);
}
const given = args.filter((a) => !a.startsWith("--"));
const files = given.length > 0 ? given : PUBLIC_CATALOG_FILES.map((file) => publicDataPath(file));

const db = await openDatabase();
try {
  await applyMigrations(db.sql);
  for (const file of files) {
    const started = Date.now();
    let text: string;
    try {
      text = readTextFile(file);
    } catch (error) {
      console.error(`Cannot read ${file}: ${(error as Error).message}`);
      process.exitCode = 1;
      continue;
    }
    try {
      const report = await importCatalogText(db.prisma, { kind: "cli", label: process.env.USER ?? "operator" }, text, path.basename(file).replace(/\.gz$/, ""));
      console.log(
        `${report.file} (${report.source}): ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped.length} skipped, ${report.warnings.length} warnings in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      const reasons = new Map<string, number>();
      for (const s of report.skipped) {
        // Group like reasons: "re-listing of X through gateway Y" → "re-listing of … through gateway Y".
        const kind = s.reason
          .replace(/\bof \S+/g, "of …")
          .replace(/"[^"]*"|\([^)]*\)/g, "…")
          .replace(/:.*$/, "");
        reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
      }
      const groups = [...reasons].sort((a, b) => b[1] - a[1]);
      for (const [reason, count] of groups.slice(0, 12)) console.log(`  skipped ${count} × ${reason}`);
      if (groups.length > 12) console.log(`  … and ${groups.slice(12).reduce((n, [, c]) => n + c, 0)} more across ${groups.length - 12} other reasons`);
      if (verbose) {
        for (const s of report.skipped) console.log(`  skipped ${s.key}: ${s.reason}`);
        for (const w of report.warnings) console.log(`  warning ${w.key} ${w.path}: ${w.message}`);
      } else if (report.skipped.length) {
        console.log("  (--verbose lists each skipped entry with its reason)");
      }
    } catch (error) {
      if (error instanceof CatalogFormatError) {
        console.error(`Refused ${file}: ${error.message}\nNothing was written.`);
        process.exitCode = 1;
      } else throw error;
    }
  }
} finally {
  await db.close();
}
