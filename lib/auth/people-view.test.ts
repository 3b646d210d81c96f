// The people page's view against a real (in-memory PGlite) database: what an admin may do with each
// account, by the same rules the service enforces.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rolesCan } from "@/lib/authz/permissions";
import type { Database } from "@/lib/db/connection";
import type { PageViewer } from "@/lib/server/page";
import { type UserActor, createActor } from "@/lib/testing/actors";
import { openTestDatabase } from "@/lib/testing/test-database";
import { peopleView } from "./people-view";
import { setUserDisabled, setUserRoles } from "./user-service";

let db: Database;
let admin: UserActor;
let engineer: UserActor;
const viewerOf = (user: UserActor): PageViewer => ({ user, prisma: db.prisma, can: (p) => rolesCan(user.roles, p) });
const row = async (user: UserActor) => (await peopleView(viewerOf(admin))).people.find((p) => p.id === user.userId)!;

beforeAll(async () => {
  db = await openTestDatabase();
  admin = await createActor(db.prisma, ["admin"], "admin@people-view.test");
  engineer = await createActor(db.prisma, ["engineer"], "eng@people-view.test");
});
afterAll(() => db.close());

describe("the people page's view", () => {
  it("tells the only admin why they cannot disable themself or drop their admin role, and the service agrees", async () => {
    const self = await row(admin);
    expect(self.whyNotToggle).toBe("You cannot disable your own account; ask another admin.");
    expect(self.whyNotDropAdmin).toContain("is the last active admin");
    await expect(setUserDisabled(db.prisma, admin, { id: admin.userId, disabled: "true" })).rejects.toMatchObject({ message: self.whyNotToggle });
    await expect(setUserRoles(db.prisma, admin, { id: admin.userId, roles: ["viewer"] })).rejects.toMatchObject({ message: self.whyNotDropAdmin });
  });

  it("lets the admin disable and enable someone else, and anyone drop admin once a second admin exists", async () => {
    expect(await row(engineer)).toMatchObject({ whyNotToggle: null, whyNotDropAdmin: null, disabled: false });
    await setUserRoles(db.prisma, admin, { id: engineer.userId, roles: ["admin", "engineer"] });
    expect((await row(admin)).whyNotDropAdmin).toBeNull();
    expect((await row(engineer)).whyNotDropAdmin).toBeNull();
    await setUserDisabled(db.prisma, admin, { id: engineer.userId, disabled: "true" });
    expect(await row(engineer)).toMatchObject({ disabled: true, whyNotToggle: null });
    expect((await row(admin)).whyNotDropAdmin).toContain("is the last active admin");
  });

  it("is only for those who manage people", async () => {
    await expect(peopleView(viewerOf(await createActor(db.prisma, ["compliance"])))).rejects.toMatchObject({ code: "forbidden" });
  });
});
