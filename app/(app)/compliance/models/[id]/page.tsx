import Link from "next/link";
import { ModelChecklist } from "@/components/compliance/model-checklist";
import { modelComplianceView } from "@/lib/compliance/model-compliance-view";
import { orNotFound, requirePage } from "@/lib/server/page";

export const metadata = { title: "Model compliance" };

export default async function ModelCompliancePage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePage("audit:read");
  const { id } = await params;
  const { facts, items, gaps, whyNotAuditPack } = await orNotFound(modelComplianceView(viewer, id));
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          <Link href="/compliance" className="link">
            Compliance checklist
          </Link>{" "}
          /{" "}
          <Link href={`/models/${facts.id}`} className="link">
            {facts.name}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">Compliance of {facts.name}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <span className="font-mono">{facts.snapshotId}</span> · {facts.status.replace(/_/g, " ")} ·{" "}
          <strong data-testid="gap-total">{gaps === 0 ? "no gaps" : `${gaps} gap${gaps === 1 ? "" : "s"}`}</strong>
        </p>
      </div>
      <ModelChecklist items={items} />
      <div className="flex gap-2">
        {!whyNotAuditPack && (
          <a href={`/api/v1/models/${facts.id}/audit-pack`} className="btn-secondary" download>
            Audit pack (PDF)
          </a>
        )}
        <Link href={`/audit?model=${facts.id}`} className="btn-secondary">
          Audit trail
        </Link>
      </div>
    </div>
  );
}
