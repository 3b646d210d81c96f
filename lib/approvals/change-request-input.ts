// What a change request may ask, with the message each field shows.
import { z } from "zod";
import { MODEL_STATUSES } from "@/lib/catalog/model-vocabulary";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const ids = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : (v ?? []),
  z.array(z.string().uuid("Evidence must name evaluation runs")).max(20, "At most 20 evaluation runs as evidence"),
);
const justification = z.string({ error: "Say why" }).trim().min(10, "Say why, in at least a sentence").max(4000, "Justification is limited to 4000 characters");

export const approvalRequestInput = z.object({
  kind: z.literal("approval"),
  modelId: z.string({ error: "Choose a model" }).uuid("Choose a model from the catalog"),
  workflow: z.string({ error: "Choose a workflow" }).trim().min(1, "Choose a workflow"),
  role: z.enum(["primary", "fallback"], { error: "Approve as primary or fallback" }),
  maxCostPerTaskUsd: z.preprocess(
    blank,
    z.coerce.number({ error: "Cost limit must be a number" }).positive("Cost limit must be above zero").max(1000, "Cost limit is implausibly large").optional(),
  ),
  languages: z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(",")
            .map((s) => s.trim().toLowerCase())
            .filter(Boolean)
        : (v ?? []),
    z.array(z.string().regex(/^[a-z]{2,3}(-[a-z0-9]+)?$/i, "Languages are ISO 639-1 codes such as en, zh")).max(30),
  ),
  fallbackModelId: z.preprocess(blank, z.string().uuid("Choose the fallback from the catalog").optional()),
  validUntil: z.preprocess(blank, z.coerce.date({ error: "Valid-until must be a date" }).optional()),
  evidence: ids,
  justification,
});

export const statusRequestInput = z.object({
  kind: z.literal("status_change"),
  modelId: z.string({ error: "Choose a model" }).uuid("Choose a model from the catalog"),
  toStatus: z.enum(MODEL_STATUSES, { error: `Status must be one of ${MODEL_STATUSES.join(", ")}` }),
  /** Workflows the promotion is for, when the model is not yet approved for them. */
  workflows: z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : (v ?? []),
    z.array(z.string()).max(20),
  ),
  evidence: ids,
  justification,
});

export const changeRequestInput = z.discriminatedUnion("kind", [approvalRequestInput, statusRequestInput], {
  error: "Say what to request: kind is approval or status_change",
});

export type ApprovalRequest = z.infer<typeof approvalRequestInput>;
export type StatusRequest = z.infer<typeof statusRequestInput>;

export const decisionInput = z.object({
  id: z.string({ error: "Missing request" }).uuid("Unknown change request"),
  decision: z.enum(["approve", "reject"], { error: "Decision is approve or reject" }),
  comment: z.preprocess(blank, z.string().trim().max(4000, "Comment is limited to 4000 characters").optional()),
  version: z.coerce.number({ error: "Missing version: say which version of the request you decided on" }).int().positive(),
});

export const changeRequestFilters = z.object({
  // One state or several, comma-separated (state=approved,rejected,applied).
  state: z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(z.enum(["open", "approved", "rejected", "withdrawn", "applied"], { error: "State is open, approved, rejected, withdrawn or applied" })).optional(),
  ),
  requester: z.preprocess(blank, z.string().trim().optional()),
  model: z.preprocess(blank, z.string().uuid("Model must be a model id").optional()),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
