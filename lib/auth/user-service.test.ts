// Administering people against a real (in-memory PGlite) database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connection";
import { type UserActor, createActor } from "@/lib/testing/actors";
import { openTestDatabase } from "@/lib/testing/test-database";
import { verifyPassword } from "./password";
import { createUser, listUsers, setUserDisabled, setUserRoles } from "./user-service";
import { loadUserActor } from "./users";

let db: Database;
let admin: UserActor;

beforeAll(async () => {
  db = await openTestDatabase();
  admin = await createActor(db.prisma, ["admin"], "admin@users.test");
});
afterAll(() => db.close());

const audits = () => db.prisma.auditEvent.count();

describe("people administration", () => {
  it("creates a person with roles and a generated password shown once; the same email again is refused", async () => {
    const before = await audits();
    const created = await createUser(db.prisma, admin, { email: " New.Person@Users.Test ", name: "New Person", roles: ["engineer", "viewer", "engineer"] });
    expect(created).toMatchObject({ email: "new.person@users.test", roles: ["engineer", "viewer"] });
    expect(created.generatedPassword).toMatch(/^[\w-]{16}$/);
    const stored = await db.prisma.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(await verifyPassword(created.generatedPassword!, stored.passwordHash!)).toBe(true);
    expect(await audits()).toBe(before + 1);
    const again = await createUser(db.prisma, admin, { email: "new.person@users.test", name: "Again", roles: [] }).catch((e) => e);
    expect(again).toMatchObject({ code: "conflict", fieldErrors: { email: ["Already has an account"] } });
    expect(await audits()).toBe(before + 1);
  });

  it("reports each bad field and writes nothing", async () => {
    const before = await audits();
    const error = await createUser(db.prisma, admin, { email: "not-an-email", name: "", roles: ["superuser"], password: "short" }).catch((e) => e);
    expect(error.fieldErrors).toMatchObject({
      email: ["Enter a valid email address"],
      name: ["Enter the person's name"],
      password: ["At least 12 characters"],
    });
    expect(Object.keys(error.fieldErrors)).toContain("roles.0");
    expect(await audits()).toBe(before);
  });

  it("changes roles with effect on the person's next request, and lists people without any secret", async () => {
    const person = await createUser(db.prisma, admin, { email: "roles@users.test", name: "Roles", roles: ["viewer"], password: "a-long-enough-password" });
    expect((await loadUserActor(db.prisma, person.id))?.roles).toEqual(["viewer"]);
    await setUserRoles(db.prisma, admin, { id: person.id, roles: ["ml_lead", "compliance"] });
    expect((await loadUserActor(db.prisma, person.id))?.roles.sort()).toEqual(["compliance", "ml_lead"]);
    await expect(setUserRoles(db.prisma, admin, { id: person.id, roles: ["compliance", "ml_lead"] })).rejects.toMatchObject({ code: "conflict" });
    const listed = await listUsers(db.prisma, admin);
    expect(listed.find((u) => u.id === person.id)).toMatchObject({ roles: ["compliance", "ml_lead"], signIn: "password" });
    expect(JSON.stringify(listed)).not.toMatch(/scrypt\$/);
  });

  it("keeps at least one active admin and refuses self-disabling", async () => {
    await expect(setUserRoles(db.prisma, admin, { id: admin.userId, roles: ["viewer"] })).rejects.toMatchObject({ rule: "last_admin" });
    await expect(setUserDisabled(db.prisma, admin, { id: admin.userId, disabled: true })).rejects.toMatchObject({ rule: "not_self_disable" });
    const second = await createUser(db.prisma, admin, { email: "admin2@users.test", name: "Second admin", roles: ["admin"] });
    const secondActor = (await loadUserActor(db.prisma, second.id))!;
    // Now the first admin may be demoted, by the second.
    await setUserRoles(db.prisma, secondActor, { id: admin.userId, roles: ["viewer"] });
    expect((await loadUserActor(db.prisma, admin.userId))?.roles).toEqual(["viewer"]);
    await expect(setUserDisabled(db.prisma, secondActor, { id: admin.userId, disabled: "true" })).resolves.toMatchObject({ disabled: true });
    // A disabled person has no session from their next request on.
    expect(await loadUserActor(db.prisma, admin.userId)).toBeNull();
    await setUserDisabled(db.prisma, secondActor, { id: admin.userId, disabled: false, reason: "back from leave" });
    expect(await loadUserActor(db.prisma, admin.userId)).not.toBeNull();
  });

  it("is for admins only", async () => {
    const compliance = await createActor(db.prisma, ["compliance"]);
    await expect(listUsers(db.prisma, compliance)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createUser(db.prisma, compliance, { email: "x@users.test", name: "X", roles: [] })).rejects.toMatchObject({ code: "forbidden" });
  });
});
