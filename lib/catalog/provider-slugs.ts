// One provider slug space for both catalogs, so that the same provider + snapshot from LiteLLM and models.dev
// merges. Slugs are models.dev's provider ids where models.dev has the provider; LiteLLM's provider names are
// mapped onto them. Also says what role a provider plays, which decides whether its listings are catalog
// entries or re-listings (relisting.ts).

/** LiteLLM `litellm_provider` → slug, where the default (underscores to dashes) is not it. */
const LITELLM_PROVIDER_SLUGS: Record<string, string> = {
  "text-completion-openai": "openai",
  chatgpt: "openai", // OpenAI's ChatGPT-plan endpoint: the same OpenAI models under a subscription
  azure_text: "azure",
  azure_ai: "azure", // Azure AI Foundry; models.dev lists Foundry and Azure OpenAI models under one "azure"
  bedrock: "amazon-bedrock",
  bedrock_converse: "amazon-bedrock",
  bedrock_mantle: "amazon-bedrock",
  gemini: "google", // Gemini API (AI Studio)
  palm: "google",
  together_ai: "togetherai",
  fireworks_ai: "fireworks-ai",
  "fireworks_ai-embedding-models": "fireworks-ai",
  codestral: "mistral",
  "text-completion-codestral": "mistral",
  cohere_chat: "cohere",
  dashscope: "alibaba",
  moonshot: "moonshotai",
  cloudflare: "cloudflare-workers-ai",
  vercel_ai_gateway: "vercel",
  novita: "novita-ai",
  snowflake: "snowflake-cortex",
  gmi: "gmicloud",
  gradient_ai: "digitalocean", // DigitalOcean's Gradient AI platform; same model ids as models.dev's digitalocean
  meta_llama: "llama",
  "text-completion-inception": "inception",
  amazon_nova: "nova",
  friendliai: "friendli",
  nvidia_nim: "nvidia",
};

/**
 * models.dev provider id → slug, for providers that are another endpoint or a subscription plan of the same
 * company's API (same model ids): they are one provider in the catalog and their listings merge.
 */
const MODELS_DEV_PROVIDER_SLUGS: Record<string, string> = {
  "google-vertex-anthropic": "google-vertex",
  "azure-cognitive-services": "azure",
  "alibaba-token-plan": "alibaba",
  "alibaba-coding-plan": "alibaba",
  "alibaba-token-plan-cn": "alibaba-cn",
  "alibaba-coding-plan-cn": "alibaba-cn",
  "minimax-coding-plan": "minimax",
  "minimax-cn-coding-plan": "minimax-cn",
  "kimi-for-coding": "moonshotai",
  "xiaomi-token-plan-ams": "xiaomi",
  "xiaomi-token-plan-cn": "xiaomi",
  "xiaomi-token-plan-sgp": "xiaomi",
  "zai-coding-plan": "zai",
  "zhipuai-coding-plan": "zhipuai",
  "tencent-coding-plan": "tencent",
  "tencent-tokenhub": "tencent",
  "stepfun-ai": "stepfun",
  "umans-ai-coding-plan": "umans-ai",
  "opencode-go": "opencode",
};

/** Names for slugs, so both catalogs name a provider the same; models.dev's provider name is the fallback. */
const PROVIDER_NAMES: Record<string, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  google: "Google",
  "google-vertex": "Google Vertex AI",
  azure: "Azure",
  "amazon-bedrock": "Amazon Bedrock",
  mistral: "Mistral",
  cohere: "Cohere",
  alibaba: "Alibaba",
  "alibaba-cn": "Alibaba (China)",
  moonshotai: "Moonshot AI",
  xai: "xAI",
  deepseek: "DeepSeek",
  togetherai: "Together AI",
  "fireworks-ai": "Fireworks AI",
  "cloudflare-workers-ai": "Cloudflare Workers AI",
  "snowflake-cortex": "Snowflake Cortex",
  digitalocean: "DigitalOcean",
  xiaomi: "Xiaomi",
  zai: "Z.AI",
  zhipuai: "Zhipu AI",
  minimax: "MiniMax",
  "minimax-cn": "MiniMax (China)",
  tencent: "Tencent",
  stepfun: "StepFun",
  "umans-ai": "Umans AI",
  opencode: "OpenCode Zen",
  ollama: "Ollama (local)",
  lemonade: "Lemonade (local)",
  sagemaker: "Amazon SageMaker",
  oci: "Oracle Cloud Infrastructure",
  watsonx: "IBM watsonx",
};

export type ProviderRole = "gateway" | "cloud" | "self_hosted" | "direct";

/**
 * Gateways route each request to another provider's API (routers, aggregators, resellers, IDE/agent
 * subscriptions): they run no model themselves, so their listings are re-listings, not catalog entries.
 */
const GATEWAYS = new Set([
  "openrouter",
  "vercel",
  "kilo",
  "nano-gpt",
  "poe",
  "llmgateway",
  "zenmux",
  "302ai",
  "merge-gateway",
  "helicone",
  "orcarouter",
  "cloudflare-ai-gateway",
  "requesty",
  "fastrouter",
  "anyapi",
  "aihubmix",
  "routing-run",
  "jiekou",
  "qiniu-ai",
  "abacus",
  "opencode",
  "frogbot",
  "auriko",
  "freemodel",
  "qihang-ai",
  "vivgrid",
  "cortecs",
  "github-copilot",
  "github-models",
  "gitlab",
  "perplexity-agent",
  "huggingface",
  "neon",
  "sap-ai-core",
  "aiml",
]);

/** Clouds are licensed to serve other vendors' closed models under their own ids and contracts. */
const CLOUDS = new Set(["azure", "amazon-bedrock", "google-vertex", "snowflake-cortex", "databricks", "oci", "digitalocean", "watsonx"]);

/** Runs on infrastructure the customer operates (a local server or an endpoint they deploy). */
const SELF_HOSTED = new Set(["ollama", "lemonade", "lmstudio", "atomic-chat", "sagemaker"]);

export function litellmProviderSlug(litellmProvider: string): string {
  if (litellmProvider.startsWith("vertex_ai")) return "google-vertex"; // vertex_ai, vertex_ai-anthropic_models, …
  return LITELLM_PROVIDER_SLUGS[litellmProvider] ?? litellmProvider.toLowerCase().replace(/_/g, "-");
}

export function modelsDevProviderSlug(providerId: string): string {
  return MODELS_DEV_PROVIDER_SLUGS[providerId] ?? providerId;
}

export function providerDisplayName(slug: string): string | undefined {
  return PROVIDER_NAMES[slug];
}

/** Unlisted providers are "direct": they serve what they list (the vendor itself or an inference host). */
export function providerRole(slug: string): ProviderRole {
  if (GATEWAYS.has(slug)) return "gateway";
  if (CLOUDS.has(slug)) return "cloud";
  if (SELF_HOSTED.has(slug)) return "self_hosted";
  return "direct";
}

/** Key prefixes LiteLLM uses for a provider that are not the provider name itself. */
const LITELLM_ROUTE_ALIASES: Record<string, string[]> = {
  azure_text: ["azure"],
  replicate: ["replicateopenai"],
};

const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d+$/;
const BEDROCK_ROUTE_SEGMENTS = new Set(["*", "invoke", "converse"]);
const AZURE_DATA_ZONES = new Set(["eu", "us", "global", "global-standard", "apac"]);

const normaliseRoute = (segment: string) => segment.toLowerCase().replace(/-/g, "_");

/**
 * The provider's own model id from a LiteLLM key: drops the routing prefix ("azure/", "vertex_ai/",
 * "together_ai/"), Bedrock's region and API segments ("bedrock/us-east-1/", "bedrock/invoke/") and Azure's data
 * zone ("azure/eu/"). Vendor namespaces that are part of the provider's id ("meta-llama/…") stay.
 */
export function stripLiteLLMRoutingPrefix(key: string, litellmProvider: string): string {
  const segments = key.split("/");
  const routes = new Set([litellmProvider, litellmProvider.split("-")[0], ...(LITELLM_ROUTE_ALIASES[litellmProvider] ?? [])].map(normaliseRoute));
  if (segments.length > 1 && routes.has(normaliseRoute(segments[0]))) segments.shift();
  if (litellmProvider.startsWith("bedrock")) {
    while (segments.length > 1 && (AWS_REGION.test(segments[0]) || BEDROCK_ROUTE_SEGMENTS.has(segments[0]))) segments.shift();
  }
  if (litellmProvider.startsWith("azure") && segments.length > 1 && AZURE_DATA_ZONES.has(segments[0])) segments.shift();
  return segments.join("/");
}

/** Bedrock geo inference profiles ("us.", "eu.", "global." …) route to the same model snapshot as the bare id. */
const BEDROCK_GEO_PROFILE = /^(?:us|eu|apac|ap|au|jp|ca|global|us-gov)\.(?=[^.]+\.)/;

export function canonicalSnapshotId(providerSlug: string, modelId: string): string {
  if (providerSlug === "amazon-bedrock") return modelId.replace(BEDROCK_GEO_PROFILE, "");
  return modelId;
}
