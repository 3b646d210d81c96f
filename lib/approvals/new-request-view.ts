import "server-only";
// The new change-request page (/approvals/new): step one picks a model, a kind and (for an approval) a
// workflow through the URL; step two is the form for that choice, offering the evidence of that model
// (on that workflow), the fallbacks that may back it, and for a status change only the moves that go
// through a change request from the model's status (the transition table). The page needs the
// change_request:open permission, the one the service opens requests with.
import { formatDate } from "@/lib/catalog/format";
import { modelFormOptions } from "@/lib/catalog/model-detail";
import { type ModelStatus, STATUS_LABELS } from "@/lib/catalog/model-vocabulary";
import { transitionsFrom } from "@/lib/lifecycle/transitions";
import type { PageViewer } from "@/lib/server/page";
import { activeApprovalWhere } from "./approval-state";

/** What the request form offers (components/approvals/new-request-form). */
export interface EvidenceOption {
  id: string;
  label: string;
  gatePassed: boolean;
}

interface Common {
  model: { id: string; name: string; status: string };
  runs: EvidenceOption[];
}

export interface ApprovalRequestProps extends Common {
  kind: "approval";
  workflow: { slug: string; name: string; maxCostPerTaskUsd: number | null; languages: string[] };
  defaultLanguages: string;
  fallbacks: { id: string; label: string }[];
  defaultRole: "primary" | "fallback";
}

export interface StatusRequestProps extends Common {
  kind: "status_change";
  targets: { status: string; label: string }[];
  defaultTo: string | null;
  workflows: { slug: string; name: string; approved: boolean }[];
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type NewRequestStep =
  | { step: "choose" }
  | { step: "form"; form: ApprovalRequestProps | StatusRequestProps }
  /** The model's status has no move that a change request makes; its page has the direct ones. */
  | { step: "no_request_moves"; model: { id: string; status: ModelStatus } };

export async function newRequestView(viewer: PageViewer, params: SearchParams, now = new Date()) {
  const { prisma } = viewer;
  const modelParam = first(params.model) ?? "";
  const workflowParam = first(params.workflow) ?? "";
  const kind = first(params.kind) === "status_change" ? "status_change" : "approval";
  const toParam = first(params.to) ?? null;
  const roleParam = first(params.role) === "fallback" ? "fallback" : "primary";

  const [options, workflows, chosen] = await Promise.all([
    modelFormOptions(prisma),
    prisma.workflow.findMany({
      orderBy: { name: "asc" },
      select: { id: true, slug: true, name: true, riskClass: true, languages: true, maxCostPerTaskUsd: true, minContextWindow: true },
    }),
    UUID.test(modelParam)
      ? prisma.model.findUnique({
          where: { id: modelParam },
          select: { id: true, name: true, snapshotId: true, status: true, languages: true, contextWindow: true },
        })
      : null,
  ]);
  // The chosen model stays pickable even when it is not among the curated candidates.
  const models = options.candidates.some((c) => c.id === chosen?.id) || !chosen ? options.candidates : [chosen, ...options.candidates];
  const workflow = workflows.find((w) => w.slug === workflowParam) ?? null;
  const problems: string[] = [];
  if (modelParam && !chosen) problems.push("That model is not in the catalog; choose one from the list.");
  if (workflowParam && !workflow) problems.push(`There is no workflow "${workflowParam}"; choose one from the list.`);

  let next: NewRequestStep = { step: "choose" };
  if (chosen && kind === "approval" && workflow) {
    const [runs, fallbackModels, approvedHere] = await Promise.all([
      prisma.evaluationRun.findMany({ where: { modelId: chosen.id, workflowId: workflow.id }, orderBy: { createdAt: "desc" }, take: 50 }),
      prisma.model.findMany({
        where: { status: { in: ["approved", "fallback_only"] }, id: { not: chosen.id } },
        orderBy: { name: "asc" },
        select: { id: true, name: true, status: true },
      }),
      prisma.approval.findMany({ where: { workflowId: workflow.id, ...activeApprovalWhere(now) }, select: { modelId: true, role: true } }),
    ]);
    const approvedIds = new Set(approvedHere.map((a) => a.modelId));
    const languages = chosen.languages.length ? workflow.languages.filter((l) => chosen.languages.includes(l)) : workflow.languages;
    next = {
      step: "form",
      form: {
        kind: "approval",
        model: chosen,
        workflow,
        defaultRole: roleParam,
        defaultLanguages: languages.join(", "),
        runs: runs.map((run): EvidenceOption => ({
          id: run.id,
          gatePassed: run.gatePassed,
          label: `${run.suite} · ${run.datasetVersion} · ${formatDate(run.createdAt)}`,
        })),
        // Those approved for this workflow first: the fallback rule wants one of them.
        fallbacks: [...fallbackModels]
          .sort((a, b) => Number(approvedIds.has(b.id)) - Number(approvedIds.has(a.id)))
          .map((m) => ({
            id: m.id,
            label: `${m.name} (${STATUS_LABELS[m.status]}${approvedIds.has(m.id) ? ", approved for this workflow" : ", not approved for this workflow"})`,
          })),
      },
    };
  } else if (chosen && kind === "status_change") {
    const targets = transitionsFrom(chosen.status).filter((t) => t.mode === "change_request");
    if (targets.length === 0) {
      next = { step: "no_request_moves", model: { id: chosen.id, status: chosen.status } };
    } else {
      const [runs, approved] = await Promise.all([
        prisma.evaluationRun.findMany({
          where: { modelId: chosen.id },
          include: { workflow: { select: { name: true } } },
          orderBy: { createdAt: "desc" },
          take: 50,
        }),
        prisma.approval.findMany({ where: { modelId: chosen.id, ...activeApprovalWhere(now) }, select: { workflowId: true } }),
      ]);
      next = {
        step: "form",
        form: {
          kind: "status_change",
          model: chosen,
          targets: targets.map((t) => ({ status: t.to, label: STATUS_LABELS[t.to] })),
          defaultTo: targets.some((t) => t.to === toParam) ? toParam : null,
          workflows: workflows.map((w) => ({ slug: w.slug, name: w.name, approved: approved.some((a) => a.workflowId === w.id) })),
          runs: runs.map((run): EvidenceOption => ({
            id: run.id,
            gatePassed: run.gatePassed,
            label: `${run.workflow.name}: ${run.suite} · ${run.datasetVersion} · ${formatDate(run.createdAt)}`,
          })),
        },
      };
    }
  }
  return { kind, models, workflows, chosen, workflow, problems, next };
}
