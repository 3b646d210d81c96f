// `node [flags] scripts/run-bundled.mjs <entry.ts> [args…]`: runs a TypeScript command without tsx. It
// bundles the entry and the project's own modules (packages stay external) with esbuild into one ES module
// under node_modules/.cache, stops esbuild, then imports the bundle in this same process with the
// remaining arguments. Why not `node --import tsx`: tsx's loader hooks run on a second thread with its own
// V8 heap, ~25 MiB resident for the whole run, and `npm run usage:import` has a memory target (a 1 GB
// import within 300 MB, the embedded database engine in the same process).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, stop } from "esbuild";

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("Usage: node scripts/run-bundled.mjs <entry.ts> [args…]");
  process.exit(2);
}

const repoRoot = path.resolve(import.meta.dirname, "..");
const outDir = path.join(repoRoot, "node_modules/.cache/warden-cli");

/** A bundled module would see the bundle's location in import.meta; each source file gets its own instead. */
const sourceLocation = {
  name: "source-location",
  setup(b) {
    b.onLoad({ filter: /\.(ts|tsx|mts)$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const contents = readFileSync(args.path, "utf8")
        .replaceAll("import.meta.dirname", JSON.stringify(path.dirname(args.path)))
        .replaceAll("import.meta.filename", JSON.stringify(args.path))
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: args.path.endsWith(".tsx") ? "tsx" : "ts" };
    });
  },
};

/**
 * `server-only` (the marker on modules that touch the database) throws when imported outside Next; a
 * command is a server, so the marker is bundled as an empty module (tsx commands get the same from
 * scripts/server-only-hook.mjs, whose loader thread this runner exists to avoid).
 */
const serverOnly = {
  name: "server-only",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};

const result = await build({
  entryPoints: [path.resolve(entry)],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outfile: path.join(outDir, "bundle.mjs"),
  write: false,
  logLevel: "warning",
  plugins: [serverOnly, sourceLocation],
});
// The esbuild service is a child process; ended here so it does not sit beside the command.
await stop();

// Named by content, written whole then renamed: two commands started at once never read a half-written
// bundle, and an unchanged source reuses the file.
const code = result.outputFiles[0].contents;
const outfile = path.join(outDir, `${path.basename(entry, path.extname(entry))}-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
if (!existsSync(outfile)) {
  mkdirSync(outDir, { recursive: true });
  const partial = `${outfile}.${process.pid}.tmp`;
  writeFileSync(partial, code);
  renameSync(partial, outfile);
}

process.argv = [process.argv[0], path.resolve(entry), ...args];
await import(pathToFileURL(outfile).href);
