import { describe, it, expect } from "vitest";
import { pinningLevel } from "./pinning";

describe("pinningLevel", () => {
  it.each([
    "claude-sonnet-4-5-20250929",
    "gpt-4o-2024-08-06",
    "gpt-4-0613",
    "mistral-large-2407",
    "deepseek-r1-0528",
    "qwen3-235b-a22b-instruct-2507",
    "command-r-08-2024",
    "gemini-2.5-flash-preview-09-2025",
    "gemini-2.5-flash-preview-05-20",
    "deepseek-v3-2-251201",
    "gemini-2.0-flash-001",
    "claude-sonnet-4-5@20250929",
    "text-unicorn@001",
    "anthropic.claude-3-5-sonnet-20241022-v2:0",
    "amazon.nova-pro-v1:0",
    "glm-4-32b-0414-128k",
    "deepseek-ai/DeepSeek-R1-0528",
  ])("%s is strict: it names one dated or revised snapshot", (id) => {
    expect(pinningLevel(id)).toBe("strict");
  });

  it.each([
    "gpt-4o",
    "gpt-4o-mini",
    "claude-sonnet-4-5",
    "claude-3-5-sonnet-latest",
    "chatgpt-4o-latest",
    "gpt-5-chat-latest",
    "gemini-3-pro-preview",
    "gpt-4-1106-preview", // a dated preview is still a preview alias
    "claude-opus-4-6@default",
    "meta-llama/Llama-3.3-70B-Instruct",
    "llama3-70b-8192", // 8192 is a context size, not a date
    "gpt-4-32k",
  ])("%s is family: an undated alias within one generation", (id) => {
    expect(pinningLevel(id)).toBe("family");
  });

  it.each(["mistral-large-latest", "gemini-flash-latest", "codestral-latest", "kimi-latest", "codestral@latest", "auto", "model-router"])(
    "%s is tier: a moving alias with no generation number",
    (id) => {
      expect(pinningLevel(id)).toBe("tier");
    },
  );
});
