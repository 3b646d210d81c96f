// Enumerations of docs/vocabulary.md, usable in the browser (the Prisma enums are server-side).
export const MODEL_STATUSES = ["testing", "approved", "fallback_only", "deprecated", "disabled", "retired"] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

export const STATUS_LABELS: Record<ModelStatus, string> = {
  testing: "Testing",
  approved: "Approved",
  fallback_only: "Fallback only",
  deprecated: "Deprecated",
  disabled: "Disabled",
  retired: "Retired",
};

export const LEVELS = ["low", "medium", "high"] as const;
export type Level = (typeof LEVELS)[number];

export const MODEL_KINDS = ["hosted", "fine_tuned", "self_hosted", "embedding"] as const;
export const PINNING_LEVELS = ["strict", "family", "tier"] as const;
export const DEPRECATION_MEANINGS = ["announcement", "new_access_block", "shutdown"] as const;

export const DEPRECATION_MEANING_LABELS: Record<(typeof DEPRECATION_MEANINGS)[number], string> = {
  announcement: "announced",
  new_access_block: "closed to new users",
  shutdown: "shut down",
};
