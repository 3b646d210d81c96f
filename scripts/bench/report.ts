// BENCHMARKS.md: the machine, the command, the date, then every figure with its baseline, the ratio and
// PASS / FAIL against the target; a JSON file beside it keeps the raw numbers.
import type { MachineFacts } from "@/lib/bench/machine";
import type { Figure, Section } from "./figures";

export interface ReportInput {
  command: string;
  startedAt: Date;
  finishedAt: Date;
  machine: MachineFacts;
  loadBefore: number[];
  loadAfter: number[];
  postgres: { version: string; settings: Record<string, string>; where: string } | null;
  pglite: string;
  figures: Figure[];
  /** Sections not run and why. */
  skipped: { section: Section; backend?: string; reason: string }[];
  notes: string[];
}

const SECTION_TITLES: Record<Section, string> = {
  import: "1. File import vs the engine's own fastest load",
  rss: "2. Memory of a 1 GB import",
  online: "3. Online ingest: batch API and OTLP",
  dashboards: "4. Dashboards for 30 days from rollups vs from raw rows",
};

const verdict = (pass: boolean | null) => (pass === null ? "not measured" : pass ? "**PASS**" : "**FAIL**");
const cell = (text: string | null) => (text ?? "—").replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderReport(r: ReportInput): string {
  const minutes = (r.finishedAt.getTime() - r.startedAt.getTime()) / 60_000;
  const lines: string[] = [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (scripts/bench.ts); do not edit by hand. Every figure is measured beside its",
    "physical baseline in the same run, on PostgreSQL and on the embedded database (PGlite).",
    "",
    `- Command: \`${r.command}\``,
    `- Date: ${r.startedAt.toISOString()} (took ${minutes.toFixed(1)} min)`,
    `- CPU: ${r.machine.cpuModel}, ${r.machine.cores} cores; RAM ${r.machine.ramGiB} GiB; ${r.machine.os}`,
    `- Node ${r.machine.node}; PGlite ${r.pglite}`,
    `- PostgreSQL: ${r.postgres ? `${r.postgres.version} (${r.postgres.where}); ${Object.entries(r.postgres.settings).map(([k, v]) => `${k}=${v}`).join(", ")}` : "not used"}`,
    `- Load average (1, 5, 15 min) before: ${r.loadBefore.join(", ")}; after: ${r.loadAfter.join(", ")}. Other programs on the machine share its cores; wall-clock figures move with them, CPU seconds (given where measured) much less.`,
    "",
    "## Summary",
    "",
    "| Figure | Backend | Measured | Baseline (same run) | Ratio | Target | Result |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const f of r.figures) {
    lines.push(`| ${cell(f.what)} | ${f.backend} | ${cell(f.measured)} | ${cell(f.baseline)} | ${f.ratio === null ? "—" : `${f.ratio.toFixed(2)}×`} | ${cell(f.target)} | ${verdict(f.pass)} |`);
  }
  for (const s of r.skipped) lines.push(`| ${cell(SECTION_TITLES[s.section])} | ${s.backend ?? "both"} | not run: ${cell(s.reason)} | — | — | — | not measured |`);
  for (const section of Object.keys(SECTION_TITLES) as Section[]) {
    const figures = r.figures.filter((f) => f.section === section);
    const skipped = r.skipped.filter((s) => s.section === section);
    if (figures.length === 0 && skipped.length === 0) continue;
    lines.push("", `## ${SECTION_TITLES[section]}`, "");
    for (const f of figures) {
      lines.push(`### ${f.what} — ${f.backend}: ${verdict(f.pass)}`, "");
      lines.push(`- Measured: ${f.measured}`);
      if (f.baseline) lines.push(`- Baseline: ${f.baseline}`);
      if (f.ratio !== null) lines.push(`- Ratio: ${f.ratio.toFixed(2)}× (target: ${f.target})`);
      else lines.push(`- Target: ${f.target}`);
      for (const n of f.notes) lines.push(`- ${n}`);
      lines.push("");
    }
    for (const s of skipped) lines.push(`- Not run${s.backend ? ` on ${s.backend}` : ""}: ${s.reason}`);
  }
  if (r.notes.length) lines.push("", "## How the figures are made", "", ...r.notes.map((n) => `- ${n}`));
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}
