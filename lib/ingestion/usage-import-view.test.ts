// The usage import page's view against a real (in-memory PGlite) database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rolesCan } from "@/lib/authz/permissions";
import type { Database } from "@/lib/db/connection";
import type { PageViewer } from "@/lib/server/page";
import { type UserActor, createActor } from "@/lib/testing/actors";
import { openTestDatabase } from "@/lib/testing/test-database";
import { usageImportView } from "./usage-import-view";

let db: Database;
let engineer: UserActor;
const viewerOf = (user: UserActor): PageViewer => ({ user, prisma: db.prisma, can: (p) => rolesCan(user.roles, p) });

beforeAll(async () => {
  db = await openTestDatabase();
  engineer = await createActor(db.prisma, ["engineer"]);
});
afterAll(() => db.close());

describe("the usage import page", () => {
  it("reads the list's filters from the URL, a blank one as its default", async () => {
    const view = await usageImportView(viewerOf(engineer), { source: "all", page: "", pageSize: " " });
    expect(view).toMatchObject({ filterError: null, filters: { source: "all", page: 1, pageSize: 20 }, imports: { total: 0, items: [] } });
  });

  it("shows the latest uploads with what was wrong when the URL is bad", async () => {
    const view = await usageImportView(viewerOf(engineer), { source: "fax", sort: "fileName" });
    expect(view.filterError).toContain("Source must be one of");
    expect(view.filters).toMatchObject({ source: "file", sort: "createdAt" });
  });

  it("is for those who import usage", async () => {
    await expect(usageImportView(viewerOf(await createActor(db.prisma, ["viewer"])), {})).rejects.toMatchObject({ code: "forbidden" });
  });
});
