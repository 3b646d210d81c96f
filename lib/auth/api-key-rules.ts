// What state an API key is in and whether it may still be revoked, pure: the same answers for the
// request that presents a key (current-actor.ts), the revocation (api-key-service.ts) and the keys page.

export type ApiKeyState = "active" | "expired" | "revoked";

export interface ApiKeyDates {
  revokedAt: Date | null;
  expiresAt: Date | null;
}

/** Revoked wins over expired; a key expires at the instant of its expiresAt. */
export function apiKeyState(key: ApiKeyDates, now: Date): ApiKeyState {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return "active";
}

export const alreadyRevoked = (name: string) => `API key "${name}" is already revoked.`;

/** Why the key cannot be revoked, or null. An expired key can still be revoked, to say it is done with. */
export function revokeRefusal(key: { name: string; revokedAt: Date | null }): string | null {
  return key.revokedAt ? alreadyRevoked(key.name) : null;
}
