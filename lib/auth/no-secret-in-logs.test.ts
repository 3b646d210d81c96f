// Nothing Warden prints while it handles secrets (passwords it generates, API keys, webhook secrets,
// their hashes) contains them: every console channel is captured while each is created and used.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/lib/db/connection";
import { createActor } from "@/lib/testing/actors";
import { openTestDatabase } from "@/lib/testing/test-database";
import { deliverDueWebhooks } from "@/lib/webhooks/webhook-dispatcher";
import { enqueueWebhookEvent } from "@/lib/webhooks/webhook-outbox";
import { createWebhook, sendTestDelivery } from "@/lib/webhooks/webhook-service";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-key-service";
import { hashApiKey } from "./api-keys";
import { createUser } from "./user-service";

let db: Database;
const printed: string[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  for (const channel of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, channel).mockImplementation(
      (...args: unknown[]) =>
        void printed.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" ")),
    );
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await db.close();
});

describe("secrets in logs", () => {
  it("are never printed while accounts, keys and webhooks are created and used, even when deliveries fail", async () => {
    const admin = await createActor(db.prisma, ["admin"]);
    const user = await createUser(db.prisma, admin, { email: "logs@warden.test", name: "Logs", roles: ["viewer"] });
    const stored = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    const key = await createApiKey(db.prisma, admin, { name: "logs", scopes: ["read"] });
    await listApiKeys(db.prisma, admin);
    await revokeApiKey(db.prisma, admin, { id: key.id });
    // A receiver that refuses the connection: the failure is logged and recorded, the secret is not.
    const hook = await createWebhook(db.prisma, admin, { url: "http://127.0.0.1:1/refused", events: ["model.disabled"] });
    await sendTestDelivery(db.prisma, admin, { id: hook.id });
    await db.prisma.$transaction((tx) => enqueueWebhookEvent(tx, "model.disabled", { id: "m" }));
    await deliverDueWebhooks(db.prisma);
    const secrets = [user.generatedPassword!, stored.passwordHash!, key.key, hashApiKey(key.key), hook.secret];
    const output = printed.join("\n");
    for (const secret of secrets) expect(output).not.toContain(secret);
    // And the delivery log itself keeps no secret either.
    const deliveries = await db.prisma.webhookDelivery.findMany();
    for (const secret of secrets) expect(JSON.stringify(deliveries)).not.toContain(secret);
  });
});
