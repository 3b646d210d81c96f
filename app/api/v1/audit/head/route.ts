import { chainHeadDocument } from "@/lib/audit/chain-head";
import { chainHead } from "@/lib/audit/verify";
import { getPrisma } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";
import { apiRoute } from "@/lib/http/route";

// The chain head as a JSON file to keep outside the database and check the trail against later.
export const GET = apiRoute("audit:read", async ({ actor }) => {
  const head = await chainHead(await getPrisma(), actor);
  if (!head) throw new DomainError("not_found", "The audit trail is empty: there is no head to export yet.");
  const doc = chainHeadDocument(head, new Date());
  return new Response(JSON.stringify(doc, null, 2) + "\n", {
    headers: {
      "content-type": "application/json",
      "content-disposition": `attachment; filename="warden-audit-head-${doc.seq}.json"`,
      "cache-control": "no-store",
    },
  });
});
