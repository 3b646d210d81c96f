// First-load JavaScript per route, from a production build's manifests (pure: the file system and gzip
// are passed in, so a test can run it on a manifest fixture).
//
// What a route loads before it is usable: Next's runtime (build-manifest.json rootMainFiles), its
// polyfills (polyfillFiles: a `noModule` script, which current browsers skip, counted anyway so the
// figure is the most any browser loads), and the chunks of every entry its page is rendered with — the
// root and group layouts, their error, not-found and forbidden boundaries, and the page itself (each
// route's page_client-reference-manifest.js, entryJSFiles). Chunks a page imports with next/dynamic
// (react-loadable-manifest.json) load later and are reported apart. Each file is counted once.

export const KIB = 1024;
/** Budgets (gzipped): a page that draws charts may load 250 KiB before it is usable, any other 200 KiB. */
export const BUDGET_WITH_CHARTS = 250 * KIB;
export const BUDGET_WITHOUT_CHARTS = 200 * KIB;

export interface RouteChunks {
  /** The URL pattern ("/analytics/drift", "/models/[id]"). */
  route: string;
  /** Per entry the route renders (layouts, boundaries, the page): its chunks. */
  entries: Record<string, readonly string[]>;
  /** Chunks the page loads on demand (next/dynamic). */
  lazy: readonly string[];
}

export interface BuildChunks {
  rootMainFiles: readonly string[];
  polyfillFiles: readonly string[];
  routes: readonly RouteChunks[];
}

export interface RouteWeight {
  route: string;
  /** Every file loaded first, in load order, each once. */
  firstLoad: string[];
  firstLoadBytes: number;
  /** Of which the polyfills (skipped by current browsers). */
  polyfillBytes: number;
  /** Loaded on demand afterwards, not counted in the first load. */
  lazy: string[];
  lazyBytes: number;
  /** The route draws charts (a chart library is among its chunks, first or on demand). */
  charts: boolean;
  budgetBytes: number;
  pass: boolean;
}

export interface ChunkFacts {
  /** Gzipped size of a chunk, in bytes. */
  gzipBytes(file: string): number;
  /** Whether a chunk holds chart code. */
  drawsCharts(file: string): boolean;
}

const unique = (files: Iterable<string>) => [...new Set(files)];

export function budgetFor(charts: boolean): number {
  return charts ? BUDGET_WITH_CHARTS : BUDGET_WITHOUT_CHARTS;
}

/** Each route's first-load weight beside its budget, sorted by route. */
export function routeWeights(build: BuildChunks, facts: ChunkFacts): RouteWeight[] {
  const sum = (files: readonly string[]) => files.reduce((n, f) => n + facts.gzipBytes(f), 0);
  return build.routes
    .map((r) => {
      const firstLoad = unique([...build.polyfillFiles, ...build.rootMainFiles, ...Object.values(r.entries).flat()]);
      const first = new Set(firstLoad);
      const lazy = unique(r.lazy).filter((f) => !first.has(f));
      const charts = [...firstLoad, ...lazy].some((f) => facts.drawsCharts(f));
      const firstLoadBytes = sum(firstLoad);
      const budgetBytes = budgetFor(charts);
      return {
        route: r.route,
        firstLoad,
        firstLoadBytes,
        polyfillBytes: sum(unique(build.polyfillFiles)),
        lazy,
        lazyBytes: sum(lazy),
        charts,
        budgetBytes,
        pass: firstLoadBytes <= budgetBytes,
      };
    })
    .sort((a, b) => (a.route < b.route ? -1 : a.route > b.route ? 1 : 0));
}

export const fmtKiB = (bytes: number) => `${(bytes / KIB).toFixed(1)} KiB`;

/** The table printed to the terminal: route, first load, budget, verdict, what loads later. */
export function weightsTable(weights: readonly RouteWeight[]): string {
  const rows = weights.map((w) => [
    w.route,
    fmtKiB(w.firstLoadBytes),
    `${fmtKiB(w.budgetBytes)}${w.charts ? " (charts)" : ""}`,
    w.pass ? "PASS" : "FAIL",
    w.lazy.length ? `+${fmtKiB(w.lazyBytes)} later` : "",
  ]);
  const header = ["Route", "First load (gzip)", "Budget", "Result", "On demand"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
