// The audit trail's filters and page position, parsed once from URL query parameters: the audit page, the
// links it makes, the exports and GET /api/v1/audit/export read the same names, so an export is exactly
// the filtered view.
//
//   from, to     ISO date or date-time; a date-only "to" means through that day (UTC).
//   actor        a user id, or the label of a machine actor (an API key, "cli", "oidc").
//   action       an exact action ("model.status_change") or a family ending in "." ("model.").
//   model        a model id: events on the model and on its approvals, change requests, bundles,
//                deprecation plans, reviews and evaluation runs.
//   workflow     a workflow id: events on the workflow and on what belongs to it, as for model.
//   before       keyset cursor: events with a sequence number below it (the next, older page).
//   limit        rows per page, 1–200 (default 50); exports ignore it.
import { z } from "zod";
import { parseInstant } from "@/lib/analytics/rollup-filters";
import { searchParamsToObject } from "@/lib/catalog/catalog-filters";
import { parseInput } from "@/lib/validation";

export const AUDIT_PAGE_SIZES = [25, 50, 100, 200] as const;

const optionalText = (label: string, max = 200) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
    .pipe(z.string().max(max, `${label} is too long`).optional());

const ACTION = /^[a-z_]+(\.[a-z_]*)?$/;

export const auditFiltersSchema = z
  .object({
    from: optionalText("from", 40),
    to: optionalText("to", 40),
    actor: optionalText("actor"),
    action: optionalText("action", 80).refine((v) => v === undefined || ACTION.test(v), {
      message: 'action must look like "model.status_change" or a family like "model."',
    }),
    model: optionalText("model", 80),
    workflow: optionalText("workflow", 80),
    before: optionalText("before", 20).refine((v) => v === undefined || /^[1-9]\d{0,18}$/.test(v), { message: "before must be an event number" }),
    limit: z.coerce
      .number({ error: "limit must be a number" })
      .int("limit must be a whole number")
      .min(1, "limit must be at least 1")
      .max(200, "limit is at most 200")
      .default(50),
  })
  .transform((input, ctx) => {
    const from = input.from === undefined ? undefined : parseInstant(input.from, false);
    const to = input.to === undefined ? undefined : parseInstant(input.to, true);
    if (from === null) ctx.addIssue({ code: "custom", path: ["from"], message: `from "${input.from}" is not a real date` });
    if (to === null) ctx.addIssue({ code: "custom", path: ["to"], message: `to "${input.to}" is not a real date` });
    if (from && to && from >= to) ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
    if (from === null || to === null) return z.NEVER;
    return {
      from,
      to,
      /** As given, for links and form fields. */
      fromText: input.from,
      toText: input.to,
      actor: input.actor,
      action: input.action,
      model: input.model,
      workflow: input.workflow,
      before: input.before === undefined ? undefined : BigInt(input.before),
      limit: input.limit,
    };
  });

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export function parseAuditFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): AuditFilters {
  return parseInput(auditFiltersSchema, searchParamsToObject(params));
}

/** The query string for these filters (the cursor and page size only when asked), for links and exports. */
export function auditFiltersToQuery(filters: AuditFilters, page: { before?: bigint | null; limit?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (filters.fromText) params.set("from", filters.fromText);
  if (filters.toText) params.set("to", filters.toText);
  if (filters.actor) params.set("actor", filters.actor);
  if (filters.action) params.set("action", filters.action);
  if (filters.model) params.set("model", filters.model);
  if (filters.workflow) params.set("workflow", filters.workflow);
  if (page.before) params.set("before", page.before.toString());
  if (page.limit && filters.limit !== 50) params.set("limit", String(filters.limit));
  return params.toString();
}

/** True when any filter narrows the trail (the cursor and page size do not). */
export function isFiltered(filters: AuditFilters): boolean {
  return Boolean(filters.from || filters.to || filters.actor || filters.action || filters.model || filters.workflow);
}
