import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DATA_DIR, PUBLIC_DATA_FILES, publicDataPath, readPublicData, readTextFile } from "./public-data";

describe("the public data shipped in data/", () => {
  it("holds both catalogs and both traces, readable as text", () => {
    const litellm = JSON.parse(readPublicData(PUBLIC_DATA_FILES.litellmCatalog)) as Record<string, unknown>;
    expect(Object.keys(litellm).length).toBeGreaterThan(2000);
    const modelsDev = JSON.parse(readPublicData(PUBLIC_DATA_FILES.modelsDevCatalog)) as { providers: Record<string, unknown> };
    expect(Object.keys(modelsDev.providers).length).toBeGreaterThan(50);
    for (const trace of [PUBLIC_DATA_FILES.azureCodeTrace, PUBLIC_DATA_FILES.azureConvTrace]) {
      const lines = readPublicData(trace).trim().split(/\r?\n/);
      expect(lines[0]).toBe("TIMESTAMP,ContextTokens,GeneratedTokens");
      expect(lines.length).toBeGreaterThan(8_000);
    }
  });

  it("is byte for byte what data/SOURCES.md says it is", () => {
    const sources = readFileSync(path.join(DATA_DIR, "SOURCES.md"), "utf8");
    for (const file of Object.values(PUBLIC_DATA_FILES)) {
      const row = sources.split("\n").find((line) => line.startsWith(`| \`${file}\` |`));
      expect(row, `data/SOURCES.md lists ${file}`).toBeDefined();
      const [, , bytes, sha] = row!.split("|").map((cell) => cell.trim().replaceAll("`", ""));
      const content = Buffer.from(readPublicData(file), "utf8");
      expect(content.length).toBe(Number(bytes.replaceAll(",", "")));
      expect(createHash("sha256").update(content).digest("hex")).toBe(sha);
    }
  });

  it("lives inside the repository, not beside it", () => {
    const repo = path.resolve(import.meta.dirname, "..");
    for (const file of Object.values(PUBLIC_DATA_FILES)) expect(path.relative(repo, publicDataPath(file)).startsWith("data/")).toBe(true);
  });

  it("names the missing file when a checkout lost it", () => {
    const empty = mkdtempSync(path.join(tmpdir(), "warden-data-"));
    expect(() => readPublicData(PUBLIC_DATA_FILES.litellmCatalog, empty)).toThrow(/litellm\/model_prices_and_context_window\.json\.gz is missing/);
  });

  it("reads gzip by its content and plain text as it is", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "warden-data-"));
    writeFileSync(path.join(dir, "a.json"), gzipSync('{"a":1}'));
    writeFileSync(path.join(dir, "b.json"), '{"b":2}');
    expect(readTextFile(path.join(dir, "a.json"))).toBe('{"a":1}');
    expect(readTextFile(path.join(dir, "b.json"))).toBe('{"b":2}');
  });
});
