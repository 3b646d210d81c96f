// The "pages" part of `npm run bench`: every route's first-load JavaScript (gzipped) beside its budget,
// read from a production build's output (.next). Reads Turbopack's manifests, as `next build` writes them:
//   build-manifest.json                          the runtime (rootMainFiles) and polyfills every page loads
//   app-path-routes-manifest.json                each app entry ("/(app)/analytics/page") and its URL
//   server/app/<entry>_client-reference-manifest.js   entryJSFiles: the chunks of the page, its layouts and boundaries
//   server/app/<entry>/react-loadable-manifest.json   the chunks its next/dynamic imports load later
// The sums are in pages-size.ts.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { type Figure, log } from "./figures";
import { type BuildChunks, type RouteChunks, type RouteWeight, fmtKiB, routeWeights, weightsTable } from "./pages-size";

/** A class name only recharts writes: a chunk holding it draws charts. */
const CHART_MARKER = "recharts-surface";

function readJson<T>(file: string): T {
  if (!existsSync(file)) throw new Error(`${file} is missing: is this the output of \`next build\` (Turbopack)?`);
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/** The entries' chunk lists from a page_client-reference-manifest.js (a script that fills globalThis.__RSC_MANIFEST). */
function clientEntries(file: string): Record<string, string[]> {
  const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  runInNewContext(readFileSync(file, "utf8"), sandbox, { filename: file });
  const manifests = Object.values(sandbox.__RSC_MANIFEST ?? {});
  if (manifests.length !== 1 || !manifests[0].entryJSFiles) throw new Error(`${file}: expected one client reference manifest with entryJSFiles`);
  return manifests[0].entryJSFiles;
}

/** The build's chunks per page route (route handlers load no JavaScript; Next's internal global-error page is left out). */
export function readBuildChunks(nextDir: string): BuildChunks {
  const build = readJson<{ rootMainFiles: string[]; polyfillFiles: string[] }>(path.join(nextDir, "build-manifest.json"));
  const routes = readJson<Record<string, string>>(path.join(nextDir, "app-path-routes-manifest.json"));
  const pages: RouteChunks[] = [];
  for (const [entry, route] of Object.entries(routes)) {
    if (!entry.endsWith("/page") || route === "/_global-error") continue;
    const base = path.join(nextDir, "server", "app", entry);
    const reference = `${base}_client-reference-manifest.js`;
    if (!existsSync(reference)) throw new Error(`${reference} is missing for ${route}`);
    const loadableFile = path.join(base, "react-loadable-manifest.json");
    const loadable = existsSync(loadableFile) ? readJson<Record<string, { files: string[] }>>(loadableFile) : {};
    pages.push({ route, entries: clientEntries(reference), lazy: Object.values(loadable).flatMap((m) => m.files) });
  }
  if (pages.length === 0) throw new Error(`${nextDir}: no app pages in app-path-routes-manifest.json`);
  return { rootMainFiles: build.rootMainFiles, polyfillFiles: build.polyfillFiles, routes: pages };
}

/** Reads the build in `nextDir`, prints every route beside its budget and returns one figure per route. */
export function pagesBench(nextDir: string, describeBuild: string): { figures: Figure[]; weights: RouteWeight[] } {
  const cache = new Map<string, { gzip: number; charts: boolean }>();
  const fact = (file: string) => {
    let known = cache.get(file);
    if (!known) {
      // Chunk paths are relative to .next ("static/chunks/…"); the client manifest's carry /_next/ in front.
      const bytes = readFileSync(path.join(nextDir, file.replace(/^\/_next\//, "")));
      known = { gzip: gzipSync(bytes, { level: 9 }).length, charts: bytes.includes(CHART_MARKER) };
      cache.set(file, known);
    }
    return known;
  };
  const weights = routeWeights(readBuildChunks(nextDir), { gzipBytes: (f) => fact(f).gzip, drawsCharts: (f) => fact(f).charts });
  log(`First-load JavaScript per route (gzip -9), ${describeBuild}:\n${weightsTable(weights)}`);
  const figures: Figure[] = weights.map((w) => ({
    section: "pages",
    backend: "build",
    what: `First-load JavaScript of ${w.route}`,
    measured: `${fmtKiB(w.firstLoadBytes)} gzipped in ${w.firstLoad.length} files (polyfills ${fmtKiB(w.polyfillBytes)} of it)${w.lazy.length ? `; then ${fmtKiB(w.lazyBytes)} on demand` : ""}`,
    baseline: null,
    ratio: null,
    target: `≤ ${fmtKiB(w.budgetBytes)} (${w.charts ? "draws charts" : "no charts"})`,
    pass: w.pass,
    notes: [],
    // Sizes only: the chunk names are content hashes, new with every build.
    data: {
      firstLoadBytes: w.firstLoadBytes,
      firstLoadFiles: w.firstLoad.length,
      polyfillBytes: w.polyfillBytes,
      lazyBytes: w.lazyBytes,
      budgetBytes: w.budgetBytes,
      charts: w.charts,
    },
  }));
  return { figures, weights };
}
