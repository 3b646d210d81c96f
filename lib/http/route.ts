import "server-only";
// Route handlers share one shape: resolve the actor (bearer key or session), check the permission,
// run, and answer errors as JSON `{ error: { code, message } }` with the matching status.
import { requestActor } from "@/lib/auth/current-actor";
import { type Actor, assertCan } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import { DomainError, errorBody } from "@/lib/errors";
import { assertStorableText } from "@/lib/validation/storable-text";

export function jsonError(error: unknown): Response {
  const { status, body } = errorBody(error);
  return Response.json(body, { status });
}

export function apiRoute<Ctx>(permission: Permission, handler: (args: { request: Request; actor: Actor; context: Ctx }) => Promise<Response>) {
  return async (request: Request, context: Ctx): Promise<Response> => {
    try {
      const actor = await requestActor(request);
      if (!actor) {
        throw new DomainError(
          "unauthenticated",
          request.headers.get("authorization") ? "The API key is invalid, expired or revoked." : "Sign in or send an API key as a bearer token.",
        );
      }
      assertCan(actor, permission);
      // Query parameters reach filters and SQL: text the database cannot hold is refused here, by name.
      assertStorableText(Object.fromEntries(new URL(request.url).searchParams), "The query");
      return await handler({ request, actor, context });
    } catch (error) {
      return jsonError(error);
    }
  };
}
