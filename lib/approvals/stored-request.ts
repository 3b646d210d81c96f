// The JSON columns of a change request, typed once where they are written and read: the approval policy
// (who must approve) and the payload (what an approval will grant; the workflows a status change is
// for). Everything else takes these types; nothing casts the columns at its use. A stored value that
// does not parse is a fault in the data, not a user's error, and is reported as such. Pure.
import { z } from "zod";
import { ROLES } from "@/lib/authz/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ApprovalPolicy } from "./policy";

const approvalPolicySchema = z.array(z.object({ role: z.enum(ROLES), count: z.number().int().positive() })).min(1);

const approvalPayloadSchema = z.object({
  role: z.enum(["primary", "fallback"]),
  maxCostPerTaskUsd: z.number().nullable(),
  languages: z.array(z.string()),
  fallbackModelId: z.string().nullable(),
  /** An ISO instant. */
  validUntil: z.string().nullable(),
});

const statusPayloadSchema = z.object({ workflowIds: z.array(z.string()).default([]) });

/** What an approval request will grant once applied. */
export type ApprovalPayload = z.infer<typeof approvalPayloadSchema>;
/** The workflows a status change asks for (their gates count among the preconditions). */
export type StatusPayload = z.infer<typeof statusPayloadSchema>;

/**
 * A request's kind with its columns typed: `kind` narrows `payload`. A bundle-stage request's payload
 * is kept as stored (nothing in lib/approvals applies one).
 */
export type TypedColumns =
  | { kind: "approval"; payload: ApprovalPayload; policy: ApprovalPolicy }
  | { kind: "status_change"; payload: StatusPayload; policy: ApprovalPolicy }
  | { kind: "bundle_stage"; payload: Prisma.JsonValue | null; policy: ApprovalPolicy };

function read<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new Error(
      `A stored change request's ${what} does not have the expected shape: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"} ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

export function readPolicy(json: Prisma.JsonValue): ApprovalPolicy {
  return read(approvalPolicySchema, json, "policy");
}

type StoredColumns = { kind: "approval" | "status_change" | "bundle_stage"; payload: Prisma.JsonValue | null; policy: Prisma.JsonValue };

/** The row with its policy and payload read: spread over the row, so `row.kind` narrows `row.payload`. */
export function typedColumns(row: StoredColumns): TypedColumns {
  const policy = readPolicy(row.policy);
  if (row.kind === "approval") return { kind: row.kind, policy, payload: read(approvalPayloadSchema, row.payload, "approval payload") };
  // A status change written without workflows (or by hand) is for none.
  if (row.kind === "status_change") return { kind: row.kind, policy, payload: read(statusPayloadSchema, row.payload ?? {}, "status-change payload") };
  return { kind: row.kind, policy, payload: row.payload };
}

/** A stored row with its policy and payload read. */
export type WithTypedColumns<R> = Omit<R, keyof StoredColumns> & TypedColumns;

export function withTypedColumns<R extends StoredColumns>(row: R): WithTypedColumns<R> {
  return { ...row, ...typedColumns(row) };
}

/** A policy or payload as the column stores it; checked against its schema on the way in too. */
export function policyJson(policy: ApprovalPolicy): Prisma.InputJsonValue {
  return read(approvalPolicySchema, policy, "policy");
}

export function payloadJson(payload: ApprovalPayload | StatusPayload): Prisma.InputJsonValue {
  return "role" in payload ? read(approvalPayloadSchema, payload, "approval payload") : read(statusPayloadSchema, payload, "status-change payload");
}
