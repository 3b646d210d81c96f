import { describe, expect, it } from "vitest";
import { diffSchema } from "./schema-diff";

describe("committed migrations", () => {
  it("build exactly the database that schema.prisma describes", async () => {
    // Prisma's own schema engine applies the migrations to a shadow database and diffs it against the
    // data model: any missing column, index, enum value or foreign key shows up as SQL here.
    const drift = await diffSchema("migrations", "schema");
    expect(drift).toBe("");
  });

  it("would notice a schema change that has no migration", async () => {
    const { readFileSync } = await import("node:fs");
    const { SCHEMA_PATH } = await import("./schema-diff");
    const changed = readFileSync(SCHEMA_PATH, "utf8").replace("model Setting {", "model Setting {\n  note String?");
    const drift = await diffSchema("migrations", "schema", changed);
    expect(drift).toContain('ADD COLUMN     "note" TEXT');
  });
});
