import "server-only";
// The demo catalog: providers and ~25 curated models across every lifecycle status. Technical facts (prices,
// context windows, release and provider deprecation dates) are read from the public catalogs at seed time
// (demo-catalog.ts); what a team curates by hand (owner, purpose, intended use, limitations, status history)
// is declared here. A model's `fallback` must be declared above it.
import { costLevelFor } from "@/lib/catalog/cost-level";
import { auditView } from "@/lib/catalog/model-service";
import type { ModelStatus } from "@/lib/catalog/model-vocabulary";
import type { Prisma } from "@/lib/generated/prisma/client";
import { countCreated, daysFrom, requireModel, type SeedContext, writeAudited } from "./seed-context";
import type { CatalogRef } from "./demo-catalog";

export const DEMO_PROVIDERS = [
  { slug: "openai", name: "OpenAI", docUrl: "https://platform.openai.com/docs/models" },
  { slug: "anthropic", name: "Anthropic", docUrl: "https://docs.anthropic.com/en/docs/about-claude/models" },
  { slug: "google", name: "Google", docUrl: "https://ai.google.dev/gemini-api/docs/models" },
  { slug: "deepseek", name: "DeepSeek", docUrl: "https://api-docs.deepseek.com/quick_start/pricing" },
  { slug: "alibaba", name: "Alibaba", docUrl: "https://www.alibabacloud.com/help/en/model-studio/models" },
  { slug: "moonshotai", name: "Moonshot AI", docUrl: "https://platform.moonshot.ai/docs" },
  { slug: "zhipuai", name: "Zhipu AI", docUrl: "https://docs.bigmodel.cn" },
  { slug: "minimax", name: "MiniMax", docUrl: "https://platform.minimax.io/docs" },
  { slug: "volcengine", name: "Volcengine (ByteDance Doubao)", docUrl: "https://www.volcengine.com/docs/82379" },
  { slug: "mistral", name: "Mistral", docUrl: "https://docs.mistral.ai/getting-started/models" },
  { slug: "llama", name: "Meta Llama", docUrl: "https://www.llama.com/docs/model-cards-and-prompt-formats/" },
] as const;

export type DemoProviderSlug = (typeof DEMO_PROVIDERS)[number]["slug"];

export interface LifecycleStep {
  to: Exclude<ModelStatus, "testing">;
  reason: string;
  daysAgo: number;
}

export interface DemoModel {
  /** Key the other demo modules use for this model. */
  ref: string;
  provider: DemoProviderSlug;
  snapshotId: string;
  name: string;
  family: string;
  catalog: CatalogRef;
  /** Facts the catalogs lack or get wrong for this snapshot; each with its reason in a comment. */
  overrides?: { releaseDate?: string; inputPricePerMTok?: number; outputPricePerMTok?: number };
  kind?: "hosted" | "fine_tuned" | "self_hosted" | "embedding";
  pinning?: "strict" | "family" | "tier";
  fineTune?: { base: string; fineTuneId: string; trainingData: string; trainingDate: string };
  owner: string;
  purpose: string;
  intendedUse: string;
  limitations: string;
  bestFor: string[];
  languages: string[];
  latencyLevel: "low" | "medium" | "high";
  fallback?: string;
  /** Days since the last review and until the next (null: no further review, e.g. retired). */
  review: { lastDaysAgo: number; nextInDays: number | null };
  notes?: string;
  /**
   * A provider deprecation notice dated relative to the seeding day. The public catalogs' own dates all
   * lie before today, so without these the demo's "provider deprecation within N days" view would be
   * empty; the source says they are demo data.
   */
  providerNotice?: { inDays: number; meaning: "announcement" | "new_access_block" | "shutdown" };
  /** Status changes after registration (which is always `testing`), oldest first. */
  lifecycle: LifecycleStep[];
  /** How the model behaves in the demo usage: decode speed, time to first token, error rate, typical quality. */
  serving: { tokensPerSecond: number; ttftMs: number; errorRate: number; quality: number };
}

const EU = ["en", "de", "fr", "es", "it"];
const BROAD = ["en", "de", "fr", "es", "it", "pt", "ja", "ko", "zh"];

export const DEMO_MODELS: readonly DemoModel[] = [
  // ── fallback-only models first: the approved ones name them as fallback ──
  {
    ref: "mistral-large-2512",
    provider: "mistral",
    snapshotId: "mistral-large-2512",
    name: "Mistral Large 3 (25.12)",
    family: "mistral-large",
    catalog: { litellm: "mistral/mistral-large-2512", modelsDev: "mistral/mistral-large-2512" },
    // models.dev dates this snapshot with its family's first release (2024-11-01); 2512 is December 2025.
    overrides: { releaseDate: "2025-12-02" },
    owner: "team-support-platform",
    purpose: "Multilingual fallback for customer support chat and agent planning.",
    intendedUse: "Serves support chat (EN/DE/FR/ES) and agent planning only when the primary errors or is rate-limited.",
    limitations: "Lower tool-call validity than Claude Sonnet 4.5 on the agent suite; not evaluated on Chinese; not for unattended refunds.",
    bestFor: ["multilingual chat", "EU languages", "tool use"],
    languages: EU,
    latencyLevel: "medium",
    review: { lastDaysAgo: 30, nextInDays: 60 },
    notes: "Replaced Mistral Medium 3 (disabled) as the German, French and Spanish fallback of support chat.",
    lifecycle: [{ to: "fallback_only", reason: "Gate passed on the agent-planning suite; approved as a fallback only.", daysAgo: 200 }],
    serving: { tokensPerSecond: 80, ttftMs: 450, errorRate: 0.015, quality: 0.84 },
  },
  {
    ref: "llama-3.3-70b",
    provider: "llama",
    snapshotId: "Llama-3.3-70B-Instruct",
    name: "Llama 3.3 70B Instruct (self-hosted)",
    family: "llama-3.3",
    kind: "self_hosted",
    catalog: { litellm: "meta_llama/Llama-3.3-70B-Instruct", modelsDev: "llama/llama-3.3-70b-instruct" },
    // Self-hosted: no list price. Our amortised GPU cost (2 × H100 nodes at ~65 % utilisation).
    overrides: { inputPricePerMTok: 0.12, outputPricePerMTok: 0.12 },
    owner: "team-ml-infra",
    purpose: "On-premises fallback for batch automation; prompts and outputs never leave our network.",
    intendedUse: "Fallback for background-automation jobs when the hosted primary is unavailable. Batch only, no interactive traffic.",
    limitations:
      "At most 4,028 output tokens; 128k context; throughput ~35 tokens/s per stream on the shared cluster; weaker JSON validity than hosted models.",
    bestFor: ["batch classification", "tagging", "data residency"],
    // The eight languages Meta supports officially.
    languages: ["en", "de", "fr", "it", "pt", "hi", "es", "th"],
    latencyLevel: "high",
    review: { lastDaysAgo: 45, nextInDays: 45 },
    notes:
      "Served with vLLM on the ml-infra cluster; weights pinned to the Hugging Face revision in the deployment manifest. Price is our amortised GPU cost, not a list price.",
    lifecycle: [{ to: "fallback_only", reason: "Gate passed on the background-automation suite; fallback only (throughput).", daysAgo: 240 }],
    serving: { tokensPerSecond: 35, ttftMs: 300, errorRate: 0.02, quality: 0.8 },
  },
  {
    ref: "gpt-4.1-mini",
    provider: "openai",
    snapshotId: "gpt-4.1-mini-2025-04-14",
    name: "GPT-4.1 mini",
    family: "gpt-4.1",
    catalog: { litellm: "gpt-4.1-mini-2025-04-14", modelsDev: "openai/gpt-4.1-mini" },
    owner: "team-ai-platform",
    purpose: "Low-cost general model: primary for background automation, English fallback for support chat and loan extraction.",
    intendedUse: "Batch triage, tagging and summaries; fallback answers in English support chat; fallback field extraction with structured outputs on.",
    limitations: "Lower accuracy than GPT-4.1 on multi-hop questions; JSON schema adherence needs structured outputs enabled.",
    bestFor: ["classification", "summaries", "structured output"],
    languages: BROAD,
    latencyLevel: "low",
    fallback: "llama-3.3-70b",
    review: { lastDaysAgo: 20, nextInDays: 70 },
    lifecycle: [{ to: "approved", reason: "Gate passed on background-automation; strict pinning; model card complete.", daysAgo: 180 }],
    serving: { tokensPerSecond: 110, ttftMs: 350, errorRate: 0.01, quality: 0.85 },
  },
  {
    ref: "gemini-2.5-flash",
    provider: "google",
    snapshotId: "gemini-2.5-flash",
    name: "Gemini 2.5 Flash",
    family: "gemini-flash",
    catalog: { litellm: "gemini/gemini-2.5-flash", modelsDev: "google/gemini-2.5-flash" },
    owner: "team-knowledge",
    purpose: "Fallback for RAG answers.",
    intendedUse: "Answers knowledge-base questions when GPT-4.1 errors or is rate-limited.",
    limitations: "Thinking budget must stay capped (we run 1,024 tokens) or latency and cost rise sharply; citations less precise than GPT-4.1.",
    bestFor: ["RAG", "long inputs", "low cost"],
    languages: BROAD,
    latencyLevel: "low",
    review: { lastDaysAgo: 25, nextInDays: 65 },
    lifecycle: [{ to: "fallback_only", reason: "Gate passed on the RAG suite; fallback only.", daysAgo: 100 }],
    serving: { tokensPerSecond: 180, ttftMs: 500, errorRate: 0.012, quality: 0.85 },
  },
  // ── approved ──
  {
    ref: "gpt-4.1",
    provider: "openai",
    snapshotId: "gpt-4.1-2025-04-14",
    name: "GPT-4.1",
    family: "gpt-4.1",
    catalog: { litellm: "gpt-4.1-2025-04-14", modelsDev: "openai/gpt-4.1" },
    owner: "team-knowledge",
    purpose: "Primary for RAG answers (replacing GPT-4o) and fallback for long-context document analysis.",
    intendedUse:
      "Answers employee questions from retrieved knowledge-base passages with citations; long-document questions when Gemini 2.5 Pro is unavailable.",
    limitations: "Citations must be checked by the retrieval layer; answer detail drops on inputs beyond ~300k tokens.",
    bestFor: ["RAG", "instruction following", "1M context"],
    languages: BROAD,
    latencyLevel: "medium",
    fallback: "gemini-2.5-flash",
    review: { lastDaysAgo: 15, nextInDays: 75 },
    lifecycle: [
      { to: "fallback_only", reason: "Gate passed on the long-context suite; fallback only.", daysAgo: 125 },
      { to: "approved", reason: "Gate passed on the RAG suite against the GPT-4o baseline; promoted to primary.", daysAgo: 80 },
    ],
    serving: { tokensPerSecond: 80, ttftMs: 550, errorRate: 0.011, quality: 0.89 },
  },
  {
    ref: "gemini-2.5-pro",
    provider: "google",
    snapshotId: "gemini-2.5-pro",
    name: "Gemini 2.5 Pro",
    family: "gemini-pro",
    catalog: { litellm: "gemini/gemini-2.5-pro", modelsDev: "google/gemini-2.5-pro" },
    owner: "team-research-tools",
    purpose: "Primary for long-context document analysis.",
    intendedUse: "Reads whole tender packages and annual reports (up to ~1M tokens) and answers analysts' questions with page references.",
    limitations: "Price doubles above 200k input tokens (Warden prices every call at the base band); thinking adds seconds of latency.",
    bestFor: ["long context", "document analysis", "reasoning"],
    languages: BROAD,
    latencyLevel: "high",
    fallback: "gpt-4.1",
    providerNotice: { inDays: 120, meaning: "new_access_block" },
    review: { lastDaysAgo: 40, nextInDays: 50 },
    lifecycle: [{ to: "approved", reason: "Gate passed on the long-context suite; strict pinning; model card complete.", daysAgo: 120 }],
    serving: { tokensPerSecond: 75, ttftMs: 2200, errorRate: 0.018, quality: 0.9 },
  },
  {
    ref: "ft-loan-fields",
    provider: "openai",
    snapshotId: "ft:gpt-4.1-mini-2025-04-14:warden:loan-fields-v3:C4xR7pQe",
    name: "GPT-4.1 mini · loan fields v3 (fine-tuned)",
    family: "gpt-4.1",
    kind: "fine_tuned",
    // OpenAI's price for inference on fine-tuned GPT-4.1 mini.
    catalog: { litellm: "ft:gpt-4.1-mini-2025-04-14" },
    fineTune: {
      base: "gpt-4.1-mini",
      fineTuneId: "ftjob-Qm3c8LwZ1vT5yH2kN7dR0aBf",
      trainingData:
        "18,400 de-identified loan applications (payslips, bank statements, employment letters; EN/DE) labelled by credit operations, 2025-11 to 2026-05; 10 % held out as evaluation set loan-fields-2026.06.",
      trainingDate: "2026-07-14",
    },
    owner: "team-lending-ml",
    purpose: "Primary for loan document field extraction.",
    intendedUse:
      "Extracts the 42 fields of the loan-fields schema from applicant documents for the creditworthiness pipeline; an underwriter reviews every application.",
    limitations: "Trained on English and German documents only; degrades on handwritten scans; must never make or recommend the credit decision itself.",
    bestFor: ["structured extraction", "loan documents"],
    languages: ["en", "de"],
    latencyLevel: "low",
    fallback: "gpt-4.1-mini",
    review: { lastDaysAgo: 10, nextInDays: 20 },
    notes:
      "High-risk workflow (EU AI Act Annex III): promotion co-signed by compliance; technical documentation and data-governance record in the model risk file.",
    lifecycle: [
      { to: "approved", reason: "Gate passed on json-extraction against the GPT-4.1 mini baseline; high-risk workflow, co-signed by compliance.", daysAgo: 95 },
    ],
    serving: { tokensPerSecond: 100, ttftMs: 400, errorRate: 0.008, quality: 0.93 },
  },
  {
    ref: "gpt-5",
    provider: "openai",
    snapshotId: "gpt-5-2025-08-07",
    name: "GPT-5",
    family: "gpt-5",
    catalog: { litellm: "gpt-5-2025-08-07", modelsDev: "openai/gpt-5" },
    owner: "team-devex",
    purpose: "Fallback for the coding assistant.",
    intendedUse: "Code completions and review suggestions when Claude Sonnet 4.5 errors or is rate-limited; reasoning effort 'low'.",
    limitations: "Reasoning tokens are billed as output and add latency; not evaluated for agent planning.",
    bestFor: ["coding", "reasoning"],
    languages: BROAD,
    latencyLevel: "high",
    review: { lastDaysAgo: 50, nextInDays: 40 },
    lifecycle: [{ to: "fallback_only", reason: "Gate passed on the coding suite; fallback only (latency).", daysAgo: 315 }],
    serving: { tokensPerSecond: 60, ttftMs: 1500, errorRate: 0.015, quality: 0.9 },
  },
  {
    ref: "claude-sonnet-4.5",
    provider: "anthropic",
    snapshotId: "claude-sonnet-4-5-20250929",
    name: "Claude Sonnet 4.5",
    family: "claude-sonnet",
    catalog: { litellm: "claude-sonnet-4-5-20250929", modelsDev: "anthropic/claude-sonnet-4-5-20250929" },
    owner: "team-devex",
    purpose: "Primary for the coding assistant and agent planning.",
    intendedUse: "IDE completions and review suggestions; multi-step tool plans for the operations agent (refunds stay under the approval limit).",
    limitations: "Tends to over-plan short tasks; prices above 200k input tokens are higher (our inputs stay below).",
    bestFor: ["coding", "agents", "tool use"],
    languages: BROAD,
    latencyLevel: "medium",
    fallback: "gpt-5",
    review: { lastDaysAgo: 20, nextInDays: -2 },
    notes: "The agent-planning approval expired; its renewal review is overdue.",
    lifecycle: [{ to: "approved", reason: "Gate passed on the coding suite against the Claude 3.7 Sonnet baseline.", daysAgo: 310 }],
    serving: { tokensPerSecond: 70, ttftMs: 800, errorRate: 0.014, quality: 0.91 },
  },
  {
    ref: "claude-haiku-4.5",
    provider: "anthropic",
    snapshotId: "claude-haiku-4-5-20251001",
    name: "Claude Haiku 4.5",
    family: "claude-haiku",
    catalog: { litellm: "claude-haiku-4-5-20251001", modelsDev: "anthropic/claude-haiku-4-5-20251001" },
    owner: "team-support-platform",
    purpose: "Primary for customer support chat.",
    intendedUse: "Answers customer questions in EN/DE/FR/ES from help-centre articles; hands over to a human agent on request or low confidence.",
    limitations: "The escalation classifier must run on every turn; weaker on Spanish legal phrasing (routed to humans).",
    bestFor: ["chat", "fast responses", "multilingual"],
    languages: BROAD,
    latencyLevel: "low",
    fallback: "mistral-large-2512",
    review: { lastDaysAgo: 4, nextInDays: 3 },
    lifecycle: [{ to: "approved", reason: "Gate passed on the support-chat suite; strict pinning; model card complete.", daysAgo: 42 }],
    serving: { tokensPerSecond: 130, ttftMs: 400, errorRate: 0.012, quality: 0.87 },
  },
  {
    ref: "glm-4.7",
    provider: "zhipuai",
    snapshotId: "glm-4.7",
    name: "GLM-4.7",
    family: "glm",
    // Zhipu's own listing (models.dev "zhipuai") first; LiteLLM lists the model under Z.AI's endpoint.
    catalog: { litellm: "zai/glm-4.7", modelsDev: "zhipuai/glm-4.7", prefer: "models.dev" },
    owner: "team-sourcing-analytics",
    purpose: "Fallback for Chinese document analysis.",
    intendedUse: "Summaries and classification of Chinese supplier documents when Qwen3 Max errors or is rate-limited.",
    limitations: "Evaluated on Chinese and English only; not for customer-facing use.",
    bestFor: ["Chinese", "document analysis"],
    languages: ["zh", "en"],
    latencyLevel: "medium",
    review: { lastDaysAgo: 45, nextInDays: 45 },
    // Fallback only from the day of its approval for Chinese documents, which Qwen3 Max names as fallback.
    lifecycle: [{ to: "fallback_only", reason: "Gate passed on the Chinese document suite; fallback only.", daysAgo: 105 }],
    serving: { tokensPerSecond: 55, ttftMs: 900, errorRate: 0.02, quality: 0.85 },
  },
  {
    ref: "qwen3-max",
    provider: "alibaba",
    snapshotId: "qwen3-max-2026-01-23",
    name: "Qwen3 Max (2026-01-23)",
    family: "qwen3-max",
    catalog: { litellm: "dashscope/qwen3-max-2026-01-23", modelsDev: "alibaba/qwen3-max" },
    // models.dev's alibaba/qwen3-max is the 2025-09-23 release; this pinned snapshot is dated 2026-01-23.
    overrides: { releaseDate: "2026-01-23" },
    owner: "team-sourcing-analytics",
    purpose: "Primary for Chinese document analysis.",
    intendedUse: "Summaries and classification of Chinese supplier contracts and invoices, reviewed by the Shanghai sourcing office.",
    limitations:
      "Approved for Chinese document analysis only: not evaluated for English customer-facing chat. Price rises in bands above 32k input tokens (Warden prices at the first band). Served from Alibaba Cloud's Singapore region.",
    bestFor: ["Chinese", "long documents", "classification"],
    languages: ["zh", "en"],
    latencyLevel: "medium",
    fallback: "glm-4.7",
    review: { lastDaysAgo: 35, nextInDays: 55 },
    lifecycle: [{ to: "approved", reason: "Gate passed on the Chinese document suite; strict pinning; model card complete.", daysAgo: 35 }],
    serving: { tokensPerSecond: 45, ttftMs: 1000, errorRate: 0.016, quality: 0.88 },
  },
  // ── deprecated: still carries RAG traffic while clients migrate ──
  {
    ref: "gpt-4o-2024-08-06",
    provider: "openai",
    snapshotId: "gpt-4o-2024-08-06",
    name: "GPT-4o (2024-08-06)",
    family: "gpt-4o",
    catalog: { litellm: "gpt-4o-2024-08-06", modelsDev: "openai/gpt-4o-2024-08-06" },
    owner: "team-knowledge",
    purpose: "Former primary for RAG answers.",
    intendedUse: "RAG answers for clients still pinned to bundle rag-answers@1.2.0, until the migration's hard deadline.",
    limitations: "128k context; superseded by GPT-4.1 on the RAG suite (faithfulness, cost per task).",
    bestFor: ["chat", "RAG"],
    languages: BROAD,
    latencyLevel: "medium",
    fallback: "gemini-2.5-flash",
    providerNotice: { inDays: 60, meaning: "shutdown" },
    review: { lastDaysAgo: 75, nextInDays: 30 },
    lifecycle: [
      { to: "approved", reason: "Gate passed on the RAG suite.", daysAgo: 430 },
      {
        to: "deprecated",
        reason: "Superseded by GPT-4.1 on RAG answers (higher faithfulness, lower cost per task); migration plan with deadlines in place.",
        daysAgo: 75,
      },
    ],
    serving: { tokensPerSecond: 90, ttftMs: 450, errorRate: 0.012, quality: 0.86 },
  },
  // ── retired ──
  {
    ref: "gpt-4o-2024-05-13",
    provider: "openai",
    snapshotId: "gpt-4o-2024-05-13",
    name: "GPT-4o (2024-05-13)",
    family: "gpt-4o",
    catalog: { litellm: "gpt-4o-2024-05-13", modelsDev: "openai/gpt-4o-2024-05-13" },
    owner: "team-knowledge",
    purpose: "First RAG answers model (2025).",
    intendedUse: "None any more: retired.",
    limitations: "4,096 output tokens; twice the price of the 2024-08-06 snapshot.",
    bestFor: ["chat"],
    languages: BROAD,
    latencyLevel: "medium",
    review: { lastDaysAgo: 290, nextInDays: null },
    lifecycle: [
      { to: "approved", reason: "Gate passed on the RAG suite.", daysAgo: 560 },
      { to: "deprecated", reason: "Superseded by gpt-4o-2024-08-06 (half the price, structured outputs).", daysAgo: 420 },
      { to: "disabled", reason: "Provider change: all traffic moved to gpt-4o-2024-08-06; disabled so nothing routes to the old snapshot.", daysAgo: 300 },
      { to: "retired", reason: "No approval or bundle refers to it any more.", daysAgo: 290 },
    ],
    serving: { tokensPerSecond: 80, ttftMs: 500, errorRate: 0.012, quality: 0.84 },
  },
  {
    ref: "claude-3.7-sonnet",
    provider: "anthropic",
    snapshotId: "claude-3-7-sonnet-20250219",
    name: "Claude 3.7 Sonnet",
    family: "claude-sonnet",
    catalog: { litellm: "claude-3-7-sonnet-20250219", modelsDev: "anthropic/claude-3-7-sonnet-20250219" },
    owner: "team-devex",
    purpose: "Former primary for the coding assistant.",
    intendedUse: "None any more: retired.",
    limitations: "Shut down by the provider.",
    bestFor: ["coding"],
    languages: BROAD,
    latencyLevel: "medium",
    fallback: "claude-sonnet-4.5",
    review: { lastDaysAgo: 260, nextInDays: null },
    lifecycle: [
      { to: "approved", reason: "Gate passed on the coding suite.", daysAgo: 420 },
      { to: "deprecated", reason: "Superseded by Claude Sonnet 4.5 on the coding suite.", daysAgo: 300 },
      {
        to: "disabled",
        reason: "Provider change: Anthropic shuts this snapshot down on 2026-02-19 (LiteLLM deprecation_date); traffic already on Sonnet 4.5.",
        daysAgo: 280,
      },
      { to: "retired", reason: "No approval or bundle refers to it any more.", daysAgo: 260 },
    ],
    serving: { tokensPerSecond: 65, ttftMs: 900, errorRate: 0.014, quality: 0.86 },
  },
  // ── disabled ──
  {
    ref: "gemini-2.0-flash",
    provider: "google",
    snapshotId: "gemini-2.0-flash-001",
    name: "Gemini 2.0 Flash (001)",
    family: "gemini-flash",
    catalog: { litellm: "gemini/gemini-2.0-flash-001", modelsDev: "google/gemini-2.0-flash" },
    owner: "team-ai-platform",
    purpose: "Former primary for background automation.",
    intendedUse: "None while disabled.",
    limitations: "8,192 output tokens; shut down by the provider on 2026-06-01.",
    bestFor: ["batch classification", "low cost"],
    languages: BROAD,
    latencyLevel: "low",
    fallback: "gpt-4.1-mini",
    review: { lastDaysAgo: 175, nextInDays: null },
    lifecycle: [
      { to: "approved", reason: "Gate passed on the background-automation suite.", daysAgo: 330 },
      {
        to: "disabled",
        reason:
          "Provider change: Google shuts the Gemini 2.0 Flash snapshots down on 2026-06-01 (LiteLLM deprecation_date); background automation moved to GPT-4.1 mini.",
        daysAgo: 175,
      },
    ],
    serving: { tokensPerSecond: 200, ttftMs: 350, errorRate: 0.01, quality: 0.82 },
  },
  {
    ref: "mistral-medium-2505",
    provider: "mistral",
    snapshotId: "mistral-medium-2505",
    name: "Mistral Medium 3 (25.05)",
    family: "mistral-medium",
    catalog: { litellm: "mistral/mistral-medium-2505", modelsDev: "mistral/mistral-medium-2505" },
    owner: "team-support-platform",
    purpose: "Former German, French and Spanish fallback of support chat.",
    intendedUse: "None while disabled.",
    limitations: "8k output tokens on our deployment.",
    bestFor: ["multilingual chat"],
    languages: EU,
    latencyLevel: "medium",
    fallback: "mistral-large-2512",
    review: { lastDaysAgo: 62, nextInDays: 28 },
    lifecycle: [
      { to: "fallback_only", reason: "Gate passed on the support-chat suite (DE/FR/ES); fallback only.", daysAgo: 210 },
      {
        to: "disabled",
        reason:
          "Security: the API key of this deployment was exposed in a CI build log; disabled at once and its approvals revoked. Re-enable only after key rotation and a new review.",
        daysAgo: 62,
      },
    ],
    serving: { tokensPerSecond: 80, ttftMs: 400, errorRate: 0.015, quality: 0.83 },
  },
  // ── testing: candidates with evaluation runs, not approved for anything yet ──
  {
    ref: "gpt-5-mini",
    provider: "openai",
    snapshotId: "gpt-5-mini-2025-08-07",
    name: "GPT-5 mini",
    family: "gpt-5",
    catalog: { litellm: "gpt-5-mini-2025-08-07", modelsDev: "openai/gpt-5-mini" },
    owner: "team-support-platform",
    purpose: "Candidate to replace Claude Haiku 4.5 in support chat at a lower cost per task.",
    intendedUse: "Under evaluation for support chat.",
    limitations: "First evaluation failed the p95 latency bar (reasoning tokens); not approved for any workflow.",
    bestFor: ["chat", "reasoning"],
    languages: BROAD,
    latencyLevel: "high",
    review: { lastDaysAgo: 12, nextInDays: 18 },
    notes: "Re-run planned with reasoning effort 'minimal'.",
    lifecycle: [],
    serving: { tokensPerSecond: 70, ttftMs: 3000, errorRate: 0.015, quality: 0.87 },
  },
  {
    ref: "text-embedding-3-large",
    provider: "openai",
    snapshotId: "text-embedding-3-large",
    name: "text-embedding-3-large",
    family: "text-embedding-3",
    kind: "embedding",
    catalog: { litellm: "text-embedding-3-large", modelsDev: "openai/text-embedding-3-large" },
    owner: "team-knowledge",
    purpose: "Candidate embedding model for the RAG retrieval index.",
    intendedUse: "Embedding knowledge-base chunks and queries for retrieval (3,072 dimensions).",
    limitations: "8,191 input tokens per chunk; switching means re-embedding the whole index.",
    bestFor: ["retrieval", "semantic search"],
    languages: BROAD,
    latencyLevel: "low",
    review: { lastDaysAgo: 30, nextInDays: 30 },
    notes: "Retrieval recall@10 being measured against the current index before any change request.",
    lifecycle: [],
    serving: { tokensPerSecond: 0, ttftMs: 150, errorRate: 0.005, quality: 0.9 },
  },
  {
    ref: "kimi-k2.5",
    provider: "moonshotai",
    snapshotId: "kimi-k2.5",
    name: "Kimi K2.5",
    family: "kimi-k2",
    catalog: { litellm: "moonshot/kimi-k2.5", modelsDev: "moonshotai/kimi-k2.5" },
    // models.dev gives the month only (2026-01); the day is from its Alibaba listing of the same model.
    overrides: { releaseDate: "2026-01-27" },
    owner: "team-devex",
    purpose: "Candidate for agent planning (open weights, strong tool use).",
    intendedUse: "Under evaluation for agent planning.",
    limitations: "Not approved for any workflow; served from Moonshot's API (data-transfer assessment pending).",
    bestFor: ["agents", "tool use", "Chinese"],
    languages: ["zh", "en"],
    latencyLevel: "medium",
    providerNotice: { inDays: 200, meaning: "announcement" },
    review: { lastDaysAgo: 8, nextInDays: 22 },
    notes: "Gate passed on agent-planning; change request to be opened.",
    lifecycle: [],
    serving: { tokensPerSecond: 50, ttftMs: 900, errorRate: 0.02, quality: 0.86 },
  },
  {
    ref: "deepseek-chat",
    provider: "deepseek",
    snapshotId: "deepseek-chat",
    name: "DeepSeek Chat",
    family: "deepseek",
    pinning: "family",
    catalog: { litellm: "deepseek/deepseek-chat", modelsDev: "deepseek/deepseek-chat" },
    owner: "team-sourcing-analytics",
    purpose: "Candidate for Chinese document analysis at a fraction of the price.",
    intendedUse: "Under evaluation for Chinese document analysis.",
    limitations:
      "DeepSeek's API serves only the moving alias deepseek-chat, so the model behind it can change without notice: cannot be approved without strict pinning.",
    bestFor: ["Chinese", "low cost"],
    languages: ["zh", "en"],
    latencyLevel: "medium",
    review: { lastDaysAgo: 14, nextInDays: 16 },
    notes: "Options under study: a pinned deployment of the open weights through a cloud provider, or self-hosting.",
    lifecycle: [],
    serving: { tokensPerSecond: 40, ttftMs: 1200, errorRate: 0.025, quality: 0.86 },
  },
  {
    ref: "minimax-m2.5",
    provider: "minimax",
    snapshotId: "MiniMax-M2.5",
    name: "MiniMax M2.5",
    family: "minimax-m2",
    // MiniMax's own listing (models.dev) gives the 204,800-token context; LiteLLM lists 1M.
    catalog: { litellm: "minimax/MiniMax-M2.5", modelsDev: "minimax/MiniMax-M2.5", prefer: "models.dev" },
    owner: "team-devex",
    purpose: "Candidate for the coding assistant at a lower cost per task.",
    intendedUse: "Under evaluation for the coding assistant.",
    limitations: "Failed the coding gate: pass@1 regressed beyond the allowed 3 points against the Claude Sonnet 4.5 baseline.",
    bestFor: ["coding", "agents"],
    languages: ["en", "zh"],
    latencyLevel: "medium",
    review: { lastDaysAgo: 9, nextInDays: 21 },
    lifecycle: [],
    serving: { tokensPerSecond: 60, ttftMs: 900, errorRate: 0.02, quality: 0.82 },
  },
  {
    ref: "doubao-seed-2.0-pro",
    provider: "volcengine",
    snapshotId: "doubao-seed-2-0-pro-260215",
    name: "Doubao Seed 2.0 Pro",
    family: "doubao-seed",
    catalog: { litellm: "volcengine/doubao-seed-2-0-pro-260215" },
    // Neither catalog has a release date; the snapshot id carries it (26-02-15).
    overrides: { releaseDate: "2026-02-15" },
    owner: "team-sourcing-analytics",
    purpose: "Candidate for Chinese document analysis.",
    intendedUse: "Under evaluation for Chinese document analysis.",
    limitations: "Tiered pricing (first band shown); served from Volcano Engine's mainland China region: data-transfer assessment pending.",
    bestFor: ["Chinese", "document analysis"],
    languages: ["zh", "en"],
    latencyLevel: "medium",
    review: { lastDaysAgo: 6, nextInDays: 24 },
    lifecycle: [],
    serving: { tokensPerSecond: 55, ttftMs: 900, errorRate: 0.02, quality: 0.87 },
  },
  {
    ref: "claude-opus-4.5",
    provider: "anthropic",
    snapshotId: "claude-opus-4-5-20251101",
    name: "Claude Opus 4.5",
    family: "claude-opus",
    catalog: { litellm: "claude-opus-4-5-20251101", modelsDev: "anthropic/claude-opus-4-5-20251101" },
    owner: "team-devex",
    purpose: "Candidate escalation tier for agent plans that fail with Sonnet.",
    intendedUse: "Under evaluation for agent planning.",
    limitations: "About 1.7× the cost per task of Sonnet 4.5; not approved for any workflow.",
    bestFor: ["agents", "complex reasoning", "coding"],
    languages: BROAD,
    latencyLevel: "high",
    review: { lastDaysAgo: 5, nextInDays: 25 },
    lifecycle: [],
    serving: { tokensPerSecond: 45, ttftMs: 1500, errorRate: 0.015, quality: 0.93 },
  },
  {
    ref: "glm-5",
    provider: "zhipuai",
    snapshotId: "glm-5",
    name: "GLM-5",
    family: "glm",
    catalog: { litellm: "zai/glm-5", modelsDev: "zhipuai/glm-5", prefer: "models.dev" },
    owner: "team-sourcing-analytics",
    purpose: "Candidate to replace GLM-4.7 as the Chinese document analysis fallback.",
    intendedUse: "Under evaluation for Chinese document analysis.",
    limitations: "Not approved for any workflow yet.",
    bestFor: ["Chinese", "reasoning"],
    languages: ["zh", "en"],
    latencyLevel: "medium",
    review: { lastDaysAgo: 3, nextInDays: 27 },
    lifecycle: [],
    serving: { tokensPerSecond: 50, ttftMs: 1000, errorRate: 0.02, quality: 0.87 },
  },
];

export function demoModel(ref: string): DemoModel {
  const model = DEMO_MODELS.find((m) => m.ref === ref);
  if (!model) throw new Error(`Demo data refers to model "${ref}", which demo-models.ts does not declare.`);
  return model;
}

export function finalStatus(model: DemoModel): ModelStatus {
  return model.lifecycle.at(-1)?.to ?? "testing";
}

/** The status the demo history gives the model at `at` (its registration was testing), seeding at `now`. */
export function statusAt(model: DemoModel, now: Date, at: Date): ModelStatus {
  return model.lifecycle.filter((step) => daysFrom(now, -step.daysAgo) <= at).at(-1)?.to ?? "testing";
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** The row a demo model is registered with: catalog facts, curated facts, status testing. */
export function modelData(ctx: SeedContext, m: DemoModel, providerId: string) {
  const facts = ctx.catalog.facts(m.catalog);
  const o = m.overrides ?? {};
  const inputPricePerMTok = o.inputPricePerMTok ?? facts.inputPricePerMTok;
  const outputPricePerMTok = o.outputPricePerMTok ?? facts.outputPricePerMTok;
  const priceNote = facts.tieredPrice && o.inputPricePerMTok === undefined ? "Price shown is the first band of the provider's tiered price list." : null;
  return {
    data: {
      providerId,
      snapshotId: m.snapshotId,
      name: m.name,
      family: m.family,
      mode: facts.mode,
      pinning: m.pinning ?? "strict",
      kind: m.kind ?? "hosted",
      baseModelId: m.fineTune ? requireModel(ctx, m.fineTune.base).id : null,
      fineTuneId: m.fineTune?.fineTuneId ?? null,
      trainingData: m.fineTune?.trainingData ?? null,
      trainingDate: m.fineTune ? day(m.fineTune.trainingDate) : null,
      owner: m.owner,
      purpose: m.purpose,
      intendedUse: m.intendedUse,
      limitations: m.limitations,
      bestFor: m.bestFor,
      languages: m.languages,
      contextWindow: facts.contextWindow,
      maxOutputTokens: facts.maxOutputTokens,
      inputPricePerMTok,
      outputPricePerMTok,
      costLevel: costLevelFor(inputPricePerMTok, outputPricePerMTok),
      latencyLevel: m.latencyLevel,
      fallbackModelId: m.fallback ? requireModel(ctx, m.fallback).id : null,
      releaseDate: o.releaseDate ? day(o.releaseDate) : facts.releaseDate,
      ...(m.providerNotice
        ? {
            providerDeprecationDate: daysFrom(ctx.now, m.providerNotice.inDays),
            providerDeprecationMeaning: m.providerNotice.meaning,
            providerDeprecationSource: "demo data: provider notice dated relative to the seeding day",
          }
        : {
            providerDeprecationDate: facts.providerDeprecationDate,
            providerDeprecationMeaning: facts.providerDeprecationDate ? ("shutdown" as const) : null,
            providerDeprecationSource: facts.providerDeprecationSource,
          }),
      lastReviewedAt: daysFrom(ctx.now, -m.review.lastDaysAgo),
      nextReviewDue: m.review.nextInDays === null ? null : daysFrom(ctx.now, m.review.nextInDays),
      status: "testing" as const,
      notes: [m.notes, priceNote].filter(Boolean).join(" ") || null,
      sources: [...facts.sources, "manual"],
      sourceKeys: facts.sourceKeys as Prisma.InputJsonValue,
    },
    priceSource: o.inputPricePerMTok !== undefined ? "manual" : (facts.priceSource ?? "manual"),
  };
}

export async function seedProviders(ctx: SeedContext): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const provider of DEMO_PROVIDERS) {
    const existing = await ctx.db.prisma.provider.findUnique({ where: { slug: provider.slug } });
    if (existing) {
      ids.set(provider.slug, existing.id);
      continue;
    }
    const id = await writeAudited(ctx, async (tx) => {
      const row = await tx.provider.create({ data: provider });
      return { result: row.id, audit: [{ action: "provider.create", targetType: "provider", targetId: row.id, after: provider }] };
    });
    ids.set(provider.slug, id);
    countCreated(ctx, "providers");
  }
  return ids;
}

/** Registers every demo model as `testing` (status changes come later, after their approvals). */
export async function seedModels(ctx: SeedContext, providerIds: Map<string, string>) {
  for (const m of DEMO_MODELS) {
    const providerId = providerIds.get(m.provider)!;
    const existing = await ctx.db.prisma.model.findUnique({ where: { providerId_snapshotId: { providerId, snapshotId: m.snapshotId } } });
    if (existing) {
      ctx.models.set(m.ref, existing);
      continue;
    }
    const { data, priceSource } = modelData(ctx, m, providerId);
    const model = await writeAudited(ctx, async (tx) => {
      const row = await tx.model.create({ data });
      if (data.inputPricePerMTok !== null || data.outputPricePerMTok !== null) {
        await tx.modelPrice.create({
          data: {
            modelId: row.id,
            inputPricePerMTok: data.inputPricePerMTok,
            outputPricePerMTok: data.outputPricePerMTok,
            effectiveFrom: data.releaseDate ?? data.trainingDate ?? daysFrom(ctx.now, -365),
            source: priceSource,
          },
        });
      }
      return { result: row, audit: [{ action: "model.register", targetType: "model", targetId: row.id, after: auditView(row) }] };
    });
    ctx.models.set(m.ref, model);
    countCreated(ctx, "models");
  }
}
