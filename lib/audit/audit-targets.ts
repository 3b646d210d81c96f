import "server-only";
// Where each audit event's target lives in the app: a name to show and a link, looked up for a page of
// events in one query per target type. Targets that no page shows (a setting, the catalog) get no link.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface AuditTarget {
  label: string;
  href: string | null;
}

export type TargetKey = `${string}:${string}`;
export const targetKey = (type: string, id: string): TargetKey => `${type}:${id}`;

export async function describeTargets(prisma: PrismaClient, events: { targetType: string; targetId: string | null }[]): Promise<Map<TargetKey, AuditTarget>> {
  const ids = (type: string) => [...new Set(events.filter((e) => e.targetType === type && e.targetId).map((e) => e.targetId!))];
  const [models, workflows, approvals, requests, bundles, plans, reviews, runs, imports, users, keys] = await Promise.all([
    prisma.model.findMany({ where: { id: { in: ids("model") } }, select: { id: true, name: true } }),
    prisma.workflow.findMany({ where: { id: { in: ids("workflow") } }, select: { id: true, name: true, slug: true } }),
    prisma.approval.findMany({
      where: { id: { in: ids("approval") } },
      select: { id: true, modelId: true, model: { select: { name: true } }, workflow: { select: { name: true } } },
    }),
    prisma.changeRequest.findMany({ where: { id: { in: ids("change_request") } }, select: { id: true, kind: true } }),
    prisma.bundle.findMany({
      where: { id: { in: ids("bundle") } },
      select: { id: true, major: true, minor: true, patch: true, workflow: { select: { slug: true, name: true } } },
    }),
    prisma.deprecationPlan.findMany({ where: { id: { in: ids("deprecation_plan") } }, select: { id: true, modelId: true, model: { select: { name: true } } } }),
    prisma.review.findMany({
      where: { id: { in: ids("review") } },
      select: { id: true, modelId: true, workflow: { select: { slug: true, name: true } }, model: { select: { name: true } } },
    }),
    prisma.evaluationRun.findMany({ where: { id: { in: ids("evaluation_run") } }, select: { id: true, suite: true } }),
    prisma.usageImport.findMany({ where: { id: { in: ids("usage_import") } }, select: { id: true, fileName: true, source: true } }),
    prisma.user.findMany({ where: { id: { in: ids("user") } }, select: { id: true, email: true } }),
    prisma.apiKey.findMany({ where: { id: { in: ids("api_key") } }, select: { id: true, name: true } }),
  ]);
  const out = new Map<TargetKey, AuditTarget>();
  const put = (type: string, id: string, label: string, href: string | null) => out.set(targetKey(type, id), { label, href });
  for (const m of models) put("model", m.id, m.name, `/models/${m.id}`);
  for (const w of workflows) put("workflow", w.id, w.name, `/workflows/${w.slug}`);
  for (const a of approvals) put("approval", a.id, `${a.model.name} for ${a.workflow.name}`, `/models/${a.modelId}`);
  for (const r of requests) put("change_request", r.id, `change request (${r.kind.replace(/_/g, " ")})`, `/approvals/${r.id}`);
  for (const b of bundles) put("bundle", b.id, `${b.workflow.name} bundle ${b.major}.${b.minor}.${b.patch}`, `/workflows/${b.workflow.slug}`);
  for (const p of plans) put("deprecation_plan", p.id, `deprecation plan for ${p.model.name}`, `/models/${p.modelId}`);
  for (const r of reviews) {
    put(
      "review",
      r.id,
      `review of ${r.model?.name ?? r.workflow?.name ?? "—"}`,
      r.modelId ? `/models/${r.modelId}` : r.workflow ? `/workflows/${r.workflow.slug}` : null,
    );
  }
  for (const r of runs) put("evaluation_run", r.id, `evaluation run (${r.suite})`, `/evaluations/${r.id}`);
  for (const i of imports) put("usage_import", i.id, `usage import ${i.fileName ?? `(${i.source})`}`, `/usage/import`);
  for (const u of users) put("user", u.id, u.email, `/admin/users`);
  for (const k of keys) put("api_key", k.id, `API key ${k.name}`, `/admin/api-keys`);
  return out;
}
