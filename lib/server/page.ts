import "server-only";
// What every page starts with: who is looking and what they may do. Anonymous visitors go to the
// sign-in page; a viewer without the page's permission gets the 403 page (app/(app)/forbidden.tsx);
// a view that names a missing record gets the 404 page. Pages never read the database themselves:
// they hand the viewer to one lib/ view function. The 403 and 404 answer with their status only when thrown
// before the response starts streaming: so app/(app)/ has no loading.tsx of its own (a loading boundary
// above a page flushes a 200 first), and a segment that has one checks its permission in its layout too.
import { forbidden, notFound, redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-actor";
import type { Actor } from "@/lib/authz/actor";
import { type Permission, rolesCan } from "@/lib/authz/permissions";
import { getPrisma } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type PageUser = Extract<Actor, { kind: "user" }>;

/** The signed-in viewer of a page, with the database handle its view function reads through. */
export interface PageViewer {
  user: PageUser;
  prisma: PrismaClient;
  can: (permission: Permission) => boolean;
}

/** The viewer, or a redirect to sign in, or the 403 page when `permission` is given and not held. */
export async function requirePage(permission?: Permission): Promise<PageViewer> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  if (permission && !rolesCan(user.roles, permission)) forbidden();
  return { user, prisma: await getPrisma(), can: (p) => rolesCan(user.roles, p) };
}

/** Runs a view; a DomainError "not_found" (an unknown id or slug) renders the 404 page. */
export async function orNotFound<T>(view: Promise<T>): Promise<T> {
  try {
    return await view;
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  }
}
