import "server-only";
// The demo seed writes accounts with a published password, so it only runs against a database that is
// empty (no users) or already a demo (it carries the marker Setting "demo" the seed writes), unless the
// operator says --force.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { countCreated, type SeedContext, writeAudited } from "./seed-context";

export const DEMO_MARKER_KEY = "demo";
/** Raise when the demo data changes, so an older demo database is topped up on the next run. */
export const DEMO_VERSION = 1;

export interface DemoMarker {
  seededAt: string;
  version: number;
  /** Null while a seed is under way (or was interrupted: the next run resumes). */
  completedAt: string | null;
}

export type SeedTarget = { kind: "empty" } | { kind: "demo"; marker: DemoMarker } | { kind: "foreign"; users: number };

export function parseMarker(value: unknown): DemoMarker | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (typeof v.seededAt !== "string" || typeof v.version !== "number") return null;
  return { seededAt: v.seededAt, version: v.version, completedAt: typeof v.completedAt === "string" ? v.completedAt : null };
}

export async function inspectSeedTarget(prisma: PrismaClient): Promise<SeedTarget> {
  const setting = await prisma.setting.findUnique({ where: { key: DEMO_MARKER_KEY } });
  const marker = setting ? parseMarker(setting.value) : null;
  if (marker) return { kind: "demo", marker };
  const users = await prisma.user.count();
  return users === 0 ? { kind: "empty" } : { kind: "foreign", users };
}

export type SeedDecision = { action: "seed"; message: string } | { action: "nothing_to_do"; message: string } | { action: "refuse"; message: string };

/** What `db:seed --demo` does with a database, given what inspectSeedTarget found. */
export function decideSeed(target: SeedTarget, options: { force?: boolean; version?: number } = {}): SeedDecision {
  const version = options.version ?? DEMO_VERSION;
  switch (target.kind) {
    case "empty":
      return { action: "seed", message: "Empty database: seeding demo data." };
    case "demo": {
      const { marker } = target;
      if (marker.completedAt && marker.version >= version && !options.force) {
        return { action: "nothing_to_do", message: `Already seeded (demo data v${marker.version}, completed ${marker.completedAt}): nothing to do.` };
      }
      return {
        action: "seed",
        message: marker.completedAt
          ? `Demo database at v${marker.version}: topping it up to v${version}.`
          : `A demo seed started ${marker.seededAt} did not finish: resuming.`,
      };
    }
    case "foreign":
      if (options.force) return { action: "seed", message: `--force: seeding demo data into a database with ${target.users} existing user(s).` };
      return {
        action: "refuse",
        message:
          `Refusing to seed demo data: this database has ${target.users} user(s) and no demo marker (Setting "${DEMO_MARKER_KEY}"), ` +
          `so it is not a demo database. Seeding would add accounts whose password is public (warden-demo) and fictitious ` +
          `models, approvals and usage. Point DATABASE_URL or WARDEN_DATA_DIR at an empty database, or re-run with --force ` +
          `(npm run db:seed -- --demo --force) if you really mean to mix demo data into it.`,
      };
  }
}

async function writeMarker(ctx: SeedContext, marker: DemoMarker, before: DemoMarker | null) {
  const value = marker as unknown as Prisma.InputJsonValue;
  await writeAudited(ctx, async (tx) => {
    await tx.setting.upsert({ where: { key: DEMO_MARKER_KEY }, create: { key: DEMO_MARKER_KEY, value }, update: { value } });
    return { result: null, audit: [{ action: "setting.set", targetType: "setting", targetId: DEMO_MARKER_KEY, before, after: marker }] };
  });
  countCreated(ctx, "settings");
}

/** First write of a seed run: marks the database as a demo before anything else lands in it. */
export async function markSeedStarted(ctx: SeedContext): Promise<DemoMarker> {
  const setting = await ctx.db.prisma.setting.findUnique({ where: { key: DEMO_MARKER_KEY } });
  const existing = setting ? parseMarker(setting.value) : null;
  if (existing) return existing;
  const marker = { seededAt: ctx.now.toISOString(), version: DEMO_VERSION, completedAt: null };
  await writeMarker(ctx, marker, null);
  return marker;
}

export async function markSeedCompleted(ctx: SeedContext, started: DemoMarker) {
  if (started.completedAt && started.version === DEMO_VERSION) return;
  await writeMarker(ctx, { seededAt: started.seededAt, version: DEMO_VERSION, completedAt: new Date().toISOString() }, started);
}
