import "server-only";
// The actor behind the current request: a signed-in person (pages, server actions, route handlers)
// or, for route handlers, an API key given as a bearer token.
import { cache } from "react";
import type { Actor } from "@/lib/authz/actor";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/authz/permissions";
import { getPrisma } from "@/lib/db/server-db";
import { apiKeyState } from "./api-key-rules";
import { bearerToken, hashApiKey } from "./api-keys";
import { auth } from "./next-auth";

export const currentUser = cache(async (): Promise<Extract<Actor, { kind: "user" }> | null> => {
  // The session callback has just read the user and roles from the database (see next-auth.ts).
  const user = (await auth())?.user;
  if (!user?.id || !user.roles) return null;
  return { kind: "user", userId: user.id, email: user.email ?? "", name: user.name ?? user.email ?? "", roles: user.roles };
});

// lastUsedAt is written at most once a minute per key, so a busy ingest client does not turn every read
// into a write.
const LAST_USED_RESOLUTION_MS = 60_000;

export async function apiKeyActor(authorization: string | null): Promise<Extract<Actor, { kind: "api_key" }> | "invalid" | null> {
  const token = bearerToken(authorization);
  if (!token) return null;
  const prisma = await getPrisma();
  const key = await prisma.apiKey.findUnique({ where: { hash: hashApiKey(token) } });
  const now = new Date();
  if (!key || apiKeyState(key, now) !== "active") return "invalid";
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  const scopes = key.scopes.map((s) => s.replace("_", ":")).filter((s): s is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(s));
  return { kind: "api_key", apiKeyId: key.id, name: key.name, scopes, ownerId: key.createdById };
}

/** For route handlers: a bearer key when one is given, else the session. */
export async function requestActor(request: Request): Promise<Actor | null> {
  const keyActor = await apiKeyActor(request.headers.get("authorization"));
  if (keyActor === "invalid") return null;
  return keyActor ?? currentUser();
}
