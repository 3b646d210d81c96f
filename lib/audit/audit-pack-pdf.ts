// Renders an audit pack (audit-pack.ts) as a PDF with pdfkit: headed sections, key-value facts and
// tables that break across pages with their header repeated, page numbers in the footer. The built-in
// Helvetica keeps the file self-contained and small; it covers Windows-1252, so other characters are
// spelled out or replaced (pdfText) rather than printed as garbage.
import PDFDocument from "pdfkit";
import { auditDiff } from "./audit-diff";
import { describeVerdict } from "./verify";
import type { AuditPack } from "./audit-pack";

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN; // A4
const SPELLED: Record<string, string> = { "→": "->", "←": "<-", "≥": ">=", "≤": "<=", "×": "x", "✓": "yes", "✗": "no", "…": "..." };
// Windows-1252's characters above Latin-1 that Helvetica's encoding has.
const CP1252_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

export function pdfText(value: unknown): string {
  const text = value === null || value === undefined || value === "" ? "—" : String(value);
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (SPELLED[ch]) out += SPELLED[ch];
    else if (code === 9 || code === 10 || (code >= 32 && code < 127) || (code >= 160 && code <= 255) || CP1252_EXTRA.has(ch)) out += ch;
    else out += "?";
  }
  return out;
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "—");
const time = (d: Date | null | undefined) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

interface Column {
  header: string;
  width: number;
}

class PackWriter {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private ensureSpace(height: number) {
    if (this.doc.y + height > this.doc.page.height - MARGIN - 20) this.doc.addPage();
  }

  heading(text: string) {
    this.ensureSpace(60);
    this.doc.moveDown(0.8).font("Helvetica-Bold").fontSize(13).fillColor("#1e1b4b").text(pdfText(text), MARGIN, this.doc.y, { width: WIDTH });
    this.doc.moveDown(0.3).font("Helvetica").fontSize(9).fillColor("black");
  }

  paragraph(text: string, options: { bold?: boolean; color?: string } = {}) {
    this.doc
      .font(options.bold ? "Helvetica-Bold" : "Helvetica")
      .fontSize(9)
      .fillColor(options.color ?? "black")
      .text(pdfText(text), MARGIN, this.doc.y, { width: WIDTH });
    this.doc.fillColor("black");
  }

  facts(pairs: [string, unknown][]) {
    for (const [label, value] of pairs) {
      const text = pdfText(value);
      const height = Math.max(
        this.doc
          .font("Helvetica")
          .fontSize(9)
          .heightOfString(text, { width: WIDTH - 150 }),
        11,
      );
      this.ensureSpace(height + 2);
      const y = this.doc.y;
      this.doc.font("Helvetica-Bold").fontSize(9).text(pdfText(label), MARGIN, y, { width: 145 });
      this.doc.font("Helvetica").text(text, MARGIN + 150, y, { width: WIDTH - 150 });
      this.doc.y = y + height + 2;
    }
  }

  table(columns: Column[], rows: string[][], empty: string) {
    if (rows.length === 0) return this.paragraph(empty, { color: "#475569" });
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * WIDTH);
    const drawRow = (cells: string[], header: boolean) => {
      this.doc.font(header ? "Helvetica-Bold" : "Helvetica").fontSize(header ? 8 : 8);
      const texts = cells.map(pdfText);
      const height = Math.max(...texts.map((t, i) => this.doc.heightOfString(t, { width: widths[i] - 4 }))) + 4;
      if (this.doc.y + height > this.doc.page.height - MARGIN - 20) {
        this.doc.addPage();
        if (!header)
          drawRow(
            columns.map((c) => c.header),
            true,
          );
        this.doc.font("Helvetica").fontSize(8);
      }
      const y = this.doc.y;
      if (header)
        this.doc
          .rect(MARGIN, y - 1, WIDTH, height)
          .fill("#e2e8f0")
          .fillColor("black");
      let x = MARGIN;
      texts.forEach((text, i) => {
        this.doc.text(text, x + 2, y + 1, { width: widths[i] - 4 });
        x += widths[i];
      });
      this.doc.y = y + height;
      this.doc
        .moveTo(MARGIN, this.doc.y - 1)
        .lineTo(MARGIN + WIDTH, this.doc.y - 1)
        .lineWidth(0.3)
        .strokeColor("#cbd5e1")
        .stroke();
    };
    drawRow(
      columns.map((c) => c.header),
      true,
    );
    for (const row of rows) drawRow(row, false);
  }
}

function diffText(before: unknown, after: unknown): string {
  return auditDiff(before, after)
    .slice(0, 12)
    .map((c) => `${c.field}: ${c.before ?? "(new)"} -> ${c.after ?? "(removed)"}`)
    .join("; ");
}

export function renderAuditPackPdf(pack: AuditPack): Promise<Buffer> {
  const { model } = pack;
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    info: { Title: pdfText(`Audit pack: ${model.name}`), Author: "Warden", Subject: pdfText(model.snapshotId) },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const w = new PackWriter(doc);

  doc
    .font("Helvetica-Bold")
    .fontSize(18)
    .text(pdfText(`Audit pack: ${model.name}`), { width: WIDTH });
  doc
    .font("Helvetica")
    .fontSize(10)
    .fillColor("#334155")
    .text(pdfText(`${model.provider.name} · ${model.snapshotId} · status ${model.status.replace(/_/g, " ")}`), { width: WIDTH });
  doc
    .text(pdfText(`Generated ${time(pack.generatedAt)} by ${pack.generatedBy}; this export is audit event #${pack.exportEvent}.`), { width: WIDTH })
    .fillColor("black");

  w.heading("Chain verification");
  w.paragraph(describeVerdict(pack.verdict), { bold: true, color: pack.verdict.intact ? "#065f46" : "#991b1b" });

  w.heading("Model card");
  w.facts([
    ["Provider", `${model.provider.name} (${model.provider.slug})`],
    ["Snapshot id", model.snapshotId],
    ["Pinning", model.pinning],
    ["Kind", model.kind.replace(/_/g, " ")],
    ...(model.kind === "fine_tuned"
      ? ([
          ["Base model", model.baseModel ? `${model.baseModel.name} (${model.baseModel.snapshotId})` : null],
          ["Fine-tune id", model.fineTuneId],
          ["Training data", model.trainingData],
          ["Training date", day(model.trainingDate)],
        ] as [string, unknown][])
      : []),
    ["Status", `${model.status.replace(/_/g, " ")}${model.statusReason ? ` (${model.statusReason})` : ""}`],
    ["Owner", model.owner],
    ["Purpose", model.purpose],
    ["Intended use", model.intendedUse],
    ["Limitations", model.limitations],
    ["Best for", model.bestFor.join(", ")],
    ["Languages", model.languages.join(", ")],
    ["Context window", model.contextWindow?.toLocaleString("en")],
    ["Price per 1M tokens", model.inputPricePerMTok === null ? null : `$${model.inputPricePerMTok} in, $${model.outputPricePerMTok ?? "—"} out`],
    ["Fallback model", model.fallbackModel ? `${model.fallbackModel.name} (${model.fallbackModel.snapshotId})` : null],
    ["Release date", day(model.releaseDate)],
    [
      "Provider deprecation",
      model.providerDeprecationDate
        ? `${day(model.providerDeprecationDate)} (${model.providerDeprecationMeaning ?? "meaning not given"}; source ${model.providerDeprecationSource ?? "—"})`
        : null,
    ],
    ["Last reviewed / next due", `${day(model.lastReviewedAt)} / ${day(model.nextReviewDue)}`],
  ]);

  w.heading(`Approvals (${model.approvals.length})`);
  w.table(
    [
      { header: "Workflow (risk)", width: 3 },
      { header: "Role", width: 1.5 },
      { header: "State", width: 2 },
      { header: "Approved / valid until", width: 2.5 },
      { header: "Evidence", width: 4 },
      { header: "Decisions", width: 4 },
    ],
    model.approvals.map((a) => [
      `${a.workflow.name} (${a.workflow.riskClass})`,
      a.role,
      a.revokedAt ? `revoked ${day(a.revokedAt)}: ${a.revokedReason ?? ""}` : a.validUntil && a.validUntil <= pack.generatedAt ? "expired" : "active",
      `${day(a.approvedAt)} / ${day(a.validUntil)}`,
      a.evidence
        .map(
          (e) =>
            `${e.evaluationRun.suite} ${e.evaluationRun.datasetVersion} (${day(e.evaluationRun.createdAt)}): gate ${e.evaluationRun.gatePassed ? "passed" : "FAILED"}`,
        )
        .join("\n") || "none",
      a.changeRequest
        ? [
            `requested by ${a.changeRequest.requester.email}`,
            ...a.changeRequest.decisions.map((d) => `${d.decision} by ${d.decider.email} as ${d.role} ${day(d.createdAt)}${d.comment ? `: ${d.comment}` : ""}`),
          ].join("\n")
        : "recorded directly (seed or import)",
    ]),
    "No approvals.",
  );

  w.heading("Status history");
  w.table(
    [
      { header: "#", width: 1 },
      { header: "When", width: 2.5 },
      { header: "By", width: 3 },
      { header: "Change", width: 5 },
      { header: "Reason", width: 4 },
    ],
    pack.statusHistory.map((e) => [e.seq.toString(), time(e.occurredAt), e.actorLabel, `${e.action}: ${diffText(e.before, e.after)}`, e.reason ?? ""]),
    "No status changes recorded.",
  );

  w.heading("Deployments and rollbacks");
  w.facts(
    model.bundles.map((b) => [
      `Bundle ${b.major}.${b.minor}.${b.patch}`,
      `${b.workflow.name}: ${b.stage}${b.trafficPercent ? ` at ${b.trafficPercent} % of traffic` : ""} (prompt ${b.promptHash.slice(0, 12)}, config ${b.configHash.slice(0, 12)})`,
    ]),
  );
  w.table(
    [
      { header: "When", width: 2.5 },
      { header: "Bundle", width: 3 },
      { header: "Stage", width: 3 },
      { header: "Kind", width: 1.8 },
      { header: "By / why", width: 5 },
    ],
    pack.deployments.map((d) => [time(d.at), `${d.workflow} ${d.bundle}`, `${d.from} -> ${d.to}`, d.kind, `${d.by}: ${d.justification}`]),
    model.bundles.length ? "No stage changes requested." : "No bundles use this model.",
  );

  w.heading("Reviews");
  w.table(
    [
      { header: "Due", width: 2 },
      { header: "Kind / trigger", width: 2.5 },
      { header: "Workflow", width: 2.5 },
      { header: "Outcome", width: 4 },
      { header: "Signed off", width: 3 },
    ],
    model.reviews.map((r) => [
      day(r.dueAt),
      `${r.kind}${r.trigger ? ` (${r.trigger})` : ""}`,
      r.workflow?.name ?? "—",
      [r.outcome, r.notes].filter(Boolean).join(": ") || "open",
      r.signedOffBy ? `${r.signedOffBy.email} ${day(r.signedOffAt)}` : "not yet",
    ]),
    "No reviews.",
  );

  w.heading("Deprecation plan");
  if (model.deprecationPlans.length === 0) w.paragraph("No deprecation plan.", { color: "#475569" });
  for (const plan of model.deprecationPlans) {
    w.facts([
      ["Reason", plan.reason],
      ["Announced / soft / hard", `${day(plan.announcedAt)} / ${day(plan.softDeadline)} / ${day(plan.hardDeadline)}`],
      ["Migration target", plan.migrationTarget ? `${plan.migrationTarget.name} (${plan.migrationTarget.snapshotId})` : null],
      ["Evaluation status", plan.evaluationStatus],
      ["Effort, cost, quality", [plan.estimatedEffort, plan.costImpact, plan.qualityImpact].filter(Boolean).join("; ")],
      ["Planned by", `${plan.createdBy?.email ?? "—"} on ${day(plan.createdAt)}`],
    ]);
  }

  w.heading(`Audit events (${pack.eventsTotal.toLocaleString("en")})`);
  if (pack.events.length < pack.eventsTotal)
    w.paragraph(`The latest ${pack.events.length.toLocaleString("en")} are listed; the CSV and NDJSON exports hold them all.`);
  w.table(
    [
      { header: "#", width: 1 },
      { header: "When", width: 2.4 },
      { header: "Actor", width: 3 },
      { header: "Action", width: 3 },
      { header: "Before -> after", width: 5 },
      { header: "Hash", width: 2 },
    ],
    pack.events.map((e) => [
      e.seq.toString(),
      time(e.occurredAt),
      e.actorLabel,
      `${e.action} (${e.targetType.replace(/_/g, " ")})`,
      diffText(e.before, e.after),
      e.hash.slice(0, 16),
    ]),
    "No events.",
  );

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Text inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.font("Helvetica").fontSize(7).fillColor("#64748b");
    doc.text(pdfText(`Warden audit pack · ${model.snapshotId} · page ${i + 1} of ${range.count}`), MARGIN, doc.page.height - MARGIN + 10, {
      width: WIDTH,
      align: "center",
      lineBreak: false,
    });
  }
  doc.end();
  return finished;
}
