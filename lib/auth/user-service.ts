import "server-only";
// Administering people: create, change roles, disable and enable, admins only, each change in one
// transaction with its audit event. Changes to people are serialised (an advisory lock), so two admins
// demoting each other at the same moment cannot leave Warden without one. Roles are read on every
// request (users.ts), so a change takes effect on the person's next request.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, actorUserId, assertCan } from "@/lib/authz/actor";
import { ROLES, type Role, isRole } from "@/lib/authz/permissions";
import { DomainError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { hashPassword } from "./password";
import { type PersonChange, assertChangeAllowed } from "./user-admin-rules";

const PEOPLE_LOCK_KEY = 72_616_003;
export const MIN_PASSWORD_LENGTH = 12;

const rolesField = z.array(z.enum(ROLES, { error: `Roles must be among ${ROLES.join(", ")}` })).transform((roles) => [...new Set(roles)].sort() as Role[]);

export const createUserInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(200),
  name: z.string().trim().min(1, "Enter the person's name").max(200),
  roles: rolesField,
  /** Blank: a random one is generated and shown once. */
  password: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.string().min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters`).max(1024).optional()),
});

const userRef = z.object({ id: z.string().uuid("Unknown user") });

export async function listUsers(prisma: PrismaClient, actor: Actor | null) {
  assertCan(actor, "user:manage");
  const users = await prisma.user.findMany({
    orderBy: { email: "asc" },
    select: { id: true, email: true, name: true, disabledAt: true, createdAt: true, oidcSubject: true, passwordHash: true, roles: { select: { role: true } } },
  });
  // The hash never leaves this function: only whether a password is set.
  return users.map(({ passwordHash, oidcSubject, roles, ...u }) => ({
    ...u,
    roles: roles
      .map((r) => r.role)
      .filter(isRole)
      .sort(),
    signIn: [passwordHash ? "password" : null, oidcSubject ? "single sign-on" : null].filter(Boolean).join(", ") || "none",
  }));
}

async function peopleState(tx: Prisma.TransactionClient) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PEOPLE_LOCK_KEY})`;
  const users = await tx.user.findMany({ select: { id: true, email: true, disabledAt: true, roles: { select: { role: true } } } });
  return users.map((u) => ({ id: u.id, email: u.email, disabled: u.disabledAt !== null, roles: u.roles.map((r) => r.role).filter(isRole) }));
}

async function guarded(tx: Prisma.TransactionClient, actor: Actor, change: PersonChange) {
  const people = await peopleState(tx);
  assertChangeAllowed(people, change, actorUserId(actor));
  return people.find((p) => p.id === change.userId)!;
}

export async function createUser(prisma: PrismaClient, actor: Actor | null, input: unknown) {
  assertCan(actor, "user:manage");
  const data = parseInput(createUserInput, input);
  const password = data.password ?? randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  const user = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PEOPLE_LOCK_KEY})`;
    if (await tx.user.findUnique({ where: { email: data.email } })) {
      throw new DomainError("conflict", `${data.email} already has an account.`, { email: ["Already has an account"] });
    }
    const created = await tx.user.create({
      data: { email: data.email, name: data.name, passwordHash, roles: { create: data.roles.map((role) => ({ role })) } },
    });
    await recordAudit(tx, actor, {
      action: "user.create",
      targetType: "user",
      targetId: created.id,
      after: { email: data.email, name: data.name, roles: data.roles },
    });
    return created;
  });
  return { id: user.id, email: user.email, roles: data.roles, ...(data.password ? {} : { generatedPassword: password }) };
}

export async function setUserRoles(prisma: PrismaClient, actor: Actor | null, input: unknown) {
  assertCan(actor, "user:manage");
  const { id, roles } = parseInput(userRef.extend({ roles: rolesField }), input);
  return prisma.$transaction(async (tx) => {
    const person = await guarded(tx, actor, { userId: id, roles });
    const before = [...person.roles].sort();
    if (before.join() === roles.join()) throw new DomainError("conflict", `${person.email} already has exactly these roles.`);
    await tx.userRole.deleteMany({ where: { userId: id } });
    if (roles.length) await tx.userRole.createMany({ data: roles.map((role) => ({ userId: id, role })) });
    await recordAudit(tx, actor, { action: "user.roles_change", targetType: "user", targetId: id, before: { roles: before }, after: { roles } });
    return { id, roles };
  });
}

export async function setUserDisabled(prisma: PrismaClient, actor: Actor | null, input: unknown) {
  assertCan(actor, "user:manage");
  const { id, disabled, reason } = parseInput(
    userRef.extend({
      disabled: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
      reason: z.string().trim().max(500).optional(),
    }),
    input,
  );
  return prisma.$transaction(async (tx) => {
    const person = await guarded(tx, actor, { userId: id, disabled });
    if (person.disabled === disabled) throw new DomainError("conflict", `${person.email} is already ${disabled ? "disabled" : "enabled"}.`);
    await tx.user.update({ where: { id }, data: { disabledAt: disabled ? new Date() : null } });
    await recordAudit(tx, actor, {
      action: disabled ? "user.disable" : "user.enable",
      targetType: "user",
      targetId: id,
      before: { disabled: person.disabled },
      after: { disabled },
      reason: reason || null,
    });
    return { id, disabled };
  });
}
