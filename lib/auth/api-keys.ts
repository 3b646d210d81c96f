// API keys: 32 random bytes shown once; only their SHA-256 is stored (a key has full entropy, so a fast
// hash is enough and lookups stay O(1)).
import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "wdn_";

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + 6), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function bearerToken(authorization: string | null): string | null {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1] : null;
}
