import "server-only";
// The API keys page (/admin/api-keys): every key with its state, and whether it may still be revoked.
import type { PageViewer } from "@/lib/server/page";
import { apiKeyState, revokeRefusal } from "./api-key-rules";
import { listApiKeys } from "./api-key-service";

export async function apiKeysView(viewer: PageViewer, now = new Date()) {
  const keys = await listApiKeys(viewer.prisma, viewer.user);
  return { keys: keys.map((key) => ({ ...key, state: apiKeyState(key, now), whyNotRevoke: revokeRefusal(key) })) };
}
