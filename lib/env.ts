// Every environment variable Warden and its commands read, validated in one place (the README's
// "Configuration" table lists the same). A bad value stops with a message naming the variable and what
// it must be, instead of a NaN or a half-configured feature surfacing later. Read at call time, not at
// import, so commands and tests that set a variable before opening something see it.
import { z } from "zod";
import { blankToUndefined } from "@/lib/validation/form-fields";

const optionalText = z.preprocess(blankToUndefined, z.string().optional());
const count = (name: string, fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `${name} must be a whole number` })
      .int(`${name} must be a whole number`)
      .min(1, `${name} must be at least 1`)
      .max(10_000, `${name} is at most 10000`)
      .default(fallback),
  );

const ENV_SCHEMA = z.object({
  NODE_ENV: z.preprocess(blankToUndefined, z.enum(["development", "production", "test"]).optional()),
  /** PostgreSQL; unset: the embedded PGlite database in WARDEN_DATA_DIR. */
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL (unset it for the embedded database)")
      .refine((value) => URL.canParse(value), "DATABASE_URL is not a valid URL")
      .optional(),
  ),
  WARDEN_DATA_DIR: optionalText,
  AUTH_SECRET: z.preprocess(blankToUndefined, z.string().min(16, "AUTH_SECRET must be at least 16 characters (openssl rand -base64 32)").optional()),
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: "PORT must be a number" }).int("PORT must be a whole number").min(1).max(65_535, "PORT is at most 65535").default(3000),
  ),
  OIDC_ISSUER: z.preprocess(blankToUndefined, z.url({ error: "OIDC_ISSUER must be the provider's issuer URL" }).optional()),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_NAME: optionalText,
  OIDC_ROLES_CLAIM: optionalText,
  OIDC_ROLE_MAP: optionalText,
  /** Where uploads are spooled before import (default: the system's temporary folder). */
  WARDEN_UPLOAD_DIR: optionalText,
  WARDEN_INGEST_CONCURRENCY: count("WARDEN_INGEST_CONCURRENCY", 4),
  WARDEN_INGEST_QUEUE: count("WARDEN_INGEST_QUEUE", 32),
  WARDEN_UPLOAD_CONCURRENCY: count("WARDEN_UPLOAD_CONCURRENCY", 2),
  WARDEN_UPLOAD_QUEUE: count("WARDEN_UPLOAD_QUEUE", 4),
  WARDEN_BENCH_TRACE: optionalText,
  WARDEN_BENCH_SERVER_LOG: optionalText,
});

export type WardenEnv = z.infer<typeof ENV_SCHEMA>;

/** The variables every entry in ENV_SCHEMA names: the README documents each. */
export const ENV_VARIABLES = Object.keys(ENV_SCHEMA.shape) as (keyof WardenEnv)[];

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Warden's environment is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses an environment (process.env by default); throws EnvError listing every bad variable. */
export function readEnv(source: Record<string, string | undefined> = process.env): WardenEnv {
  const result = ENV_SCHEMA.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => (issue.message.includes(String(issue.path[0])) ? issue.message : `${String(issue.path[0])}: ${issue.message}`)),
  );
}
