// AUTH_SECRET signs session tokens. Production must set it; the embedded demo keeps a generated one in
// its data folder so sessions survive restarts without any configuration.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defaultDataDir } from "@/lib/db/connection";
import { readEnv } from "@/lib/env";

export function resolveAuthSecret(): string {
  const env = readEnv();
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.DATABASE_URL && env.NODE_ENV === "production") {
    throw new Error("AUTH_SECRET must be set when Warden runs against PostgreSQL (generate one: openssl rand -base64 32).");
  }
  const file = path.join(path.dirname(defaultDataDir()), "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}
