// People to act as in tests: one user per role (and any mix), created in the test database.
import type { Actor } from "@/lib/authz/actor";
import { ROLES, type Role } from "@/lib/authz/permissions";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type UserActor = Extract<Actor, { kind: "user" }>;

export async function createActor(
  prisma: PrismaClient,
  roles: Role[],
  email = `${roles.join("-") || "nobody"}-${Math.random().toString(36).slice(2, 8)}@test.local`,
): Promise<UserActor> {
  const user = await prisma.user.create({ data: { email, name: email.split("@")[0], roles: { create: roles.map((role) => ({ role })) } } });
  return { kind: "user", userId: user.id, email: user.email, name: user.name, roles };
}

export async function actorPerRole(prisma: PrismaClient): Promise<Record<Role, UserActor>> {
  const entries = await Promise.all(ROLES.map(async (role) => [role, await createActor(prisma, [role])] as const));
  return Object.fromEntries(entries) as Record<Role, UserActor>;
}

export async function ensureProvider(prisma: PrismaClient, slug: string, name = slug) {
  return prisma.provider.upsert({ where: { slug }, create: { slug, name }, update: {} });
}
