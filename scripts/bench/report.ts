// BENCHMARKS.md: the machine, the command, the date, then every figure with its baseline, the ratio and
// PASS / FAIL against the target; a JSON file beside it keeps the raw numbers.
import type { Section } from "./figures";
import type { BenchHistory, BenchRun } from "./history";

const SECTION_TITLES: Record<Section, string> = {
  import: "1. File import vs the engine's own fastest load",
  rss: "2. Memory of a 1 GB import",
  online: "3. Online ingest: batch API and OTLP",
  dashboards: "4. Dashboards for 30 days from rollups vs from raw rows",
  audit: "5. The audit trail at a million events",
  pages: "6. First-load JavaScript per page",
};

const verdict = (pass: boolean | null) => (pass === null ? "not measured" : pass ? "**PASS**" : "**FAIL**");
const cell = (text: string | null) => (text ?? "—").replace(/\|/g, "\\|").replace(/\n/g, " ");

const runText = (r: BenchRun) => {
  const minutes = (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 60_000;
  return [
    `- Run ${r.id}: \`${r.command}\` on ${r.startedAt} (took ${minutes.toFixed(1)} min)`,
    `  - CPU: ${r.machine.cpuModel}, ${r.machine.cores} cores; RAM ${r.machine.ramGiB} GiB; ${r.machine.os}; Node ${r.machine.node}; PGlite ${r.pglite}`,
    `  - PostgreSQL: ${
      r.postgres
        ? `${r.postgres.version} (${r.postgres.where}); ${Object.entries(r.postgres.settings)
            .map(([k, v]) => `${k}=${v}`)
            .join(", ")}`
        : "not used"
    }`,
    `  - Load average (1, 5, 15 min) before: ${r.loadBefore.join(", ")}; after: ${r.loadAfter.join(", ")}`,
    ...r.diagnostics.map((d) => `  - ${d}`),
  ];
};

/** BENCHMARKS.md from the history: the runs, a summary of every figure, then each section in detail. */
export function renderReport(history: BenchHistory, notes: string[]): string {
  const lines: string[] = [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (scripts/bench.ts); do not edit by hand. Every figure is measured beside its",
    "physical baseline in the same run, on PostgreSQL and on the embedded database (PGlite). A run of some parts",
    "(`--only`, `--backend`) replaces those figures and keeps the others; each figure names its run. Other",
    "programs on the machine share its cores: wall-clock figures move with them, CPU seconds (where given) much less.",
    "",
    "## Runs",
    "",
    ...history.runs.flatMap(runText),
    "",
    "## Summary",
    "",
    "| Figure | Backend | Measured | Baseline (same run) | Ratio | Target | Result | Run |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const f of history.figures) {
    lines.push(
      `| ${cell(f.what)} | ${f.backend} | ${cell(f.measured)} | ${cell(f.baseline)} | ${f.ratio === null ? "—" : `${f.ratio.toFixed(2)}×`} | ${cell(f.target)} | ${verdict(f.pass)} | ${f.run} |`,
    );
  }
  for (const s of history.skipped)
    lines.push(`| ${cell(SECTION_TITLES[s.section])} | ${s.backend ?? "both"} | not run: ${cell(s.reason)} | — | — | — | not measured | ${s.run} |`);
  for (const section of Object.keys(SECTION_TITLES) as Section[]) {
    const figures = history.figures.filter((f) => f.section === section);
    const skipped = history.skipped.filter((s) => s.section === section);
    if (figures.length === 0 && skipped.length === 0) continue;
    lines.push("", `## ${SECTION_TITLES[section]}`, "");
    for (const f of figures) {
      lines.push(`### ${f.what} — ${f.backend}: ${verdict(f.pass)} (run ${f.run})`, "");
      lines.push(`- Measured: ${f.measured}`);
      if (f.baseline) lines.push(`- Baseline: ${f.baseline}`);
      if (f.ratio !== null) lines.push(`- Ratio: ${f.ratio.toFixed(2)}× (target: ${f.target})`);
      else lines.push(`- Target: ${f.target}`);
      for (const n of f.notes) lines.push(`- ${n}`);
      lines.push("");
    }
    for (const s of skipped) lines.push(`- Not run${s.backend ? ` on ${s.backend}` : ""} (run ${s.run}): ${s.reason}`);
  }
  if (notes.length) lines.push("", "## How the figures are made", "", ...notes.map((n) => `- ${n}`));
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}
