import "server-only";
// Reading people and their roles for sign-in and for every request (roles are read fresh each time, so
// a role change takes effect on the user's next request).
import type { Actor } from "@/lib/authz/actor";
import { isRole } from "@/lib/authz/permissions";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function loadUserActor(prisma: PrismaClient, userId: string): Promise<Extract<Actor, { kind: "user" }> | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, include: { roles: true } });
  if (!user || user.disabledAt) return null;
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles.map((r) => r.role).filter(isRole),
  };
}
