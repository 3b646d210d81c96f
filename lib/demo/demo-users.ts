import "server-only";
// The demo team: one account per role of docs/roles-and-permissions.md, plus colleagues so that "nobody approves their
// own request" always leaves someone else to decide. Every account's password is DEMO_PASSWORD.
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/authz/permissions";
import { countCreated, type SeedContext, writeAudited } from "./seed-context";

export const DEMO_PASSWORD = "warden-demo";

export interface DemoUser {
  email: string;
  name: string;
  roles: Role[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: "viewer@warden.test", name: "Vera Lindqvist", roles: ["viewer"] },
  { email: "engineer@warden.test", name: "Ethan Okafor", roles: ["engineer"] },
  { email: "owner@warden.test", name: "Olivia Brandt", roles: ["product_owner"] },
  { email: "lead@warden.test", name: "Liang Chen", roles: ["ml_lead"] },
  { email: "compliance@warden.test", name: "Camille Dubois", roles: ["compliance"] },
  { email: "admin@warden.test", name: "Amir Haddad", roles: ["admin"] },
  { email: "priya.nair@warden.test", name: "Priya Nair", roles: ["engineer"] },
  { email: "marco.rossi@warden.test", name: "Marco Rossi", roles: ["product_owner"] },
  { email: "sofia.keller@warden.test", name: "Sofia Keller", roles: ["ml_lead", "compliance"] },
];

/** The six accounts named after their role, for sign-in pages and end-to-end tests. */
export const DEMO_ROLE_ACCOUNTS: Record<Role, string> = {
  viewer: "viewer@warden.test",
  engineer: "engineer@warden.test",
  product_owner: "owner@warden.test",
  ml_lead: "lead@warden.test",
  compliance: "compliance@warden.test",
  admin: "admin@warden.test",
};

export async function seedUsers(ctx: SeedContext) {
  const existing = await ctx.db.prisma.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } }, select: { id: true, email: true } });
  for (const user of existing) ctx.userIds.set(user.email, user.id);
  const missing = DEMO_USERS.filter((u) => !ctx.userIds.has(u.email));
  // scrypt runs on libuv's thread pool: hashing all at once is several times faster than one by one.
  const hashes = await Promise.all(missing.map(() => hashPassword(DEMO_PASSWORD)));
  for (const [i, user] of missing.entries()) {
    const id = await writeAudited(ctx, async (tx) => {
      const row = await tx.user.create({
        data: { email: user.email, name: user.name, passwordHash: hashes[i], roles: { create: user.roles.map((role) => ({ role })) } },
      });
      return {
        result: row.id,
        audit: [{ action: "user.create", targetType: "user", targetId: row.id, after: { email: user.email, name: user.name, roles: user.roles } }],
      };
    });
    ctx.userIds.set(user.email, id);
    countCreated(ctx, "users");
  }
}
