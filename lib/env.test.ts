import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLES, EnvError, readEnv } from "./env";

describe("readEnv", () => {
  it("gives the defaults for an empty environment", () => {
    expect(readEnv({})).toMatchObject({
      PORT: 3000,
      WARDEN_INGEST_CONCURRENCY: 4,
      WARDEN_INGEST_QUEUE: 32,
      WARDEN_UPLOAD_CONCURRENCY: 2,
      WARDEN_UPLOAD_QUEUE: 4,
    });
    expect(readEnv({}).DATABASE_URL).toBeUndefined();
  });

  it("treats a blank value as unset", () => {
    expect(readEnv({ DATABASE_URL: "", PORT: " ", OIDC_ISSUER: "" })).toMatchObject({ DATABASE_URL: undefined, PORT: 3000, OIDC_ISSUER: undefined });
  });

  it("reads numbers and URLs", () => {
    const env = readEnv({
      PORT: "4000",
      DATABASE_URL: "postgresql://w:s@db:5432/warden",
      WARDEN_INGEST_QUEUE: "64",
      OIDC_ISSUER: "https://id.example.com/realms/x",
    });
    expect(env).toMatchObject({ PORT: 4000, DATABASE_URL: "postgresql://w:s@db:5432/warden", WARDEN_INGEST_QUEUE: 64 });
  });

  it("names every bad variable and what it must be", () => {
    let error: unknown;
    try {
      readEnv({ PORT: "eighty", WARDEN_INGEST_CONCURRENCY: "0", DATABASE_URL: "mysql://x", AUTH_SECRET: "short" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const problems = (error as EnvError).problems.join("\n");
    expect(problems).toMatch(/PORT must be a number/);
    expect(problems).toMatch(/WARDEN_INGEST_CONCURRENCY must be at least 1/);
    expect(problems).toMatch(/DATABASE_URL must be a postgresql:\/\/ URL/);
    expect(problems).toMatch(/AUTH_SECRET must be at least 16 characters/);
  });

  it("every variable it reads is documented in the README", () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, "../README.md"), "utf8");
    const undocumented = ENV_VARIABLES.filter((name) => name !== "NODE_ENV" && !readme.includes(`\`${name}\``));
    expect(undocumented).toEqual([]);
  });
});
