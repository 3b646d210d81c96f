// The audit page's view against a real (in-memory PGlite) database, and its filter bar rendered as the
// server sends it: the filter choices no longer grow with the catalog (the model select once carried all
// ~3,000 models, 1.5 MB of HTML), a chosen model or workflow is shown by name, and the searches the
// comboboxes make answer what they show.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditFilterBar } from "@/components/audit/audit-filter-bar";
import { rolesCan } from "@/lib/authz/permissions";
import { listModels, parseCatalogFilters } from "@/lib/catalog/catalog-query";
import type { Database } from "@/lib/db/connection";
import type { PageViewer } from "@/lib/server/page";
import { type GovernanceWorld, governanceWorld } from "@/lib/testing/governance-fixtures";
import { openTestDatabase } from "@/lib/testing/test-database";
import { searchWorkflows } from "@/lib/workflows/workflow-search";
import { auditView } from "./audit-view";
import { recordAudit } from "./record";

let db: Database;
let world: GovernanceWorld;

beforeAll(async () => {
  db = await openTestDatabase();
  world = await governanceWorld(db.prisma);
  const write = (entry: Parameters<typeof recordAudit>[2]) => db.prisma.$transaction((tx) => recordAudit(tx, world.actors.ml_lead, entry));
  await write({
    action: "model.status_change",
    targetType: "model",
    targetId: world.incumbent.id,
    before: { status: "approved" },
    after: { status: "fallback_only" },
  });
  await write({ action: "workflow.update", targetType: "workflow", targetId: world.loans.id, before: { name: "a" }, after: { name: "b" } });
});
afterAll(() => db.close());

const viewerOf = (user: GovernanceWorld["actors"]["compliance"]): PageViewer => ({ user, prisma: db.prisma, can: (p) => rolesCan(user.roles, p) });
const filterBarHtml = (view: Awaited<ReturnType<typeof auditView>>) =>
  renderToStaticMarkup(createElement(AuditFilterBar, { filters: view.filters, choices: view.choices }));

async function addModels(count: number, prefix: string) {
  const provider = await db.prisma.provider.findFirstOrThrow();
  await db.prisma.model.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      providerId: provider.id,
      snapshotId: `${prefix}-${i}`,
      name: `${prefix} model ${i}`,
      status: "testing" as const,
      pinning: "strict" as const,
    })),
  });
}

describe("the audit page's view", () => {
  it("is one page of events with its targets, the head, the filter choices and this viewer's exports", async () => {
    const view = await auditView(viewerOf(world.actors.compliance), { action: "model.", limit: "25" });
    expect(view.events.map((e) => e.action)).toEqual(["model.status_change"]);
    expect(view.targets.size).toBe(1);
    expect(view.head?.seq).toBe("2");
    expect(view.choices.actions).toEqual(["model.status_change", "workflow.update"]);
    expect(view.exports).toEqual({ csv: "/api/v1/audit/export?action=model.&format=csv", ndjson: "/api/v1/audit/export?action=model.&format=ndjson" });
    expect([view.whyNotExport, view.whyNotVerify]).toEqual([null, null]);
    expect(view.pages).toEqual({ newest: null, older: null });
    expect(view.filtered).toBe(true);
  });

  it("names the chosen model and workflow; an id that names nothing still filters, with no name", async () => {
    const view = await auditView(viewerOf(world.actors.admin), { model: world.incumbent.id, workflow: world.chat.id });
    expect(view.choices.model).toEqual({ id: world.incumbent.id, name: world.incumbent.name, snapshotId: world.incumbent.snapshotId });
    expect(view.choices.workflow).toEqual({ id: world.chat.id, name: world.chat.name });
    const unknown = await auditView(viewerOf(world.actors.admin), { model: "no-such-model" });
    expect(unknown.choices.model).toBeNull();
    expect(unknown.filters.model).toBe("no-such-model");
    expect(unknown.events).toEqual([]);
  });

  it("explains filters it cannot read and shows the whole trail instead", async () => {
    const view = await auditView(viewerOf(world.actors.compliance), { from: "2026-02-30" });
    expect(view.filterError).toMatch(/from "2026-02-30" is not a real date/);
    expect(view.filtered).toBe(false);
    expect(view.events).toHaveLength(2);
  });

  it("is refused to roles without audit:read, as the services behind it are", async () => {
    await expect(auditView(viewerOf(world.actors.viewer), {})).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("the audit filter bar", () => {
  it("does not grow with the catalog: a thousand more models add nothing to the page", async () => {
    const before = filterBarHtml(await auditView(viewerOf(world.actors.compliance), {}));
    await addModels(1_000, "bulk");
    const after = filterBarHtml(await auditView(viewerOf(world.actors.compliance), {}));
    expect(await db.prisma.model.count()).toBeGreaterThan(1_000);
    expect(after).not.toContain("bulk model");
    expect(after.length).toBe(before.length);
    expect(after.length).toBeLessThan(20_000);
  });

  it("shows a chosen model by name in a combobox that submits its id, read-only until the script runs", async () => {
    const html = filterBarHtml(await auditView(viewerOf(world.actors.compliance), { model: world.incumbent.id }));
    const box = html.match(/<input[^>]*id="model"[^>]*>/)![0];
    expect(box).toContain('role="combobox"');
    expect(box).toContain('aria-expanded="false"');
    expect(box).toContain('aria-controls="model-listbox"');
    expect(box).toContain(`value="${world.incumbent.name} (${world.incumbent.snapshotId})"`);
    expect(box).toMatch(/readOnly|readonly/);
    expect(box).not.toContain("name=");
    expect(html).toContain(`<input type="hidden" name="model" value="${world.incumbent.id}"/>`);
    expect(html).toContain('<input type="hidden" name="workflow" value=""/>');
    expect(html).toMatch(/<ul id="model-listbox" role="listbox" aria-label="Models"/);
    expect(html).toContain('<label for="model" class="block text-sm font-medium">Model</label>');
  });
});

describe("what the comboboxes ask the server", () => {
  it("models: a few letters of a name or snapshot id answer id, name and snapshot id, a page at a time", async () => {
    await addModels(40, "combo-search");
    const answer = await listModels(db.prisma, world.actors.viewer, parseCatalogFilters({ q: "COMBO-search", pageSize: "25" }));
    expect(answer.total).toBe(40);
    expect(answer.items).toHaveLength(25);
    expect(answer.items[0]).toMatchObject({
      id: expect.any(String),
      name: "combo-search model 0",
      snapshotId: "combo-search-0",
      provider: { name: "Anthropic" },
    });
    const bySnapshot = await listModels(db.prisma, world.actors.viewer, parseCatalogFilters({ q: world.incumbent.snapshotId, pageSize: "25" }));
    expect(bySnapshot.items.map((m) => m.id)).toEqual([world.incumbent.id]);
  });

  it("workflows: by part of the name or slug, first by name, with the total; open to every role, not to anonymous callers", async () => {
    expect(await searchWorkflows(db.prisma, world.actors.viewer, { q: "LOAN" })).toEqual({
      total: 1,
      items: [{ id: world.loans.id, slug: world.loans.slug, name: world.loans.name }],
    });
    expect(await searchWorkflows(db.prisma, world.actors.compliance, { q: "support-chat" })).toMatchObject({ total: 1, items: [{ id: world.chat.id }] });
    const all = await searchWorkflows(db.prisma, world.actors.engineer, { limit: "1" });
    expect(all.total).toBe(2);
    expect(all.items.map((w) => w.name)).toEqual([world.loans.name]);
    await expect(searchWorkflows(db.prisma, world.actors.viewer, { limit: "500" })).rejects.toMatchObject({
      code: "validation",
      message: expect.stringMatching(/limit is at most 100/),
    });
    await expect(searchWorkflows(db.prisma, null, {})).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
