// Webhooks end to end against a real (in-memory PGlite) database and a real HTTP receiver on this
// machine: queued in the change's transaction, posted signed, logged, retried, given up.
import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openChangeRequest } from "@/lib/approvals/change-request-service";
import type { Database } from "@/lib/db/connection";
import { changeModelStatus } from "@/lib/lifecycle/status-service";
import { type GovernanceWorld, approvalRequest, governanceWorld } from "@/lib/testing/governance-fixtures";
import { openTestDatabase } from "@/lib/testing/test-database";
import { SIGNATURE_HEADER, verifyWebhookSignature } from "./signature";
import { RETRY_DELAYS_MS, deliverDueWebhooks } from "./webhook-dispatcher";
import { createWebhook, disableWebhook, listWebhooks, sendTestDelivery } from "./webhook-service";
import type { AddressInfo } from "node:net";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

let db: Database;
let world: GovernanceWorld;
let receiver: http.Server;
let url: string;
let received: Received[] = [];
let answer = 200;

beforeAll(async () => {
  db = await openTestDatabase();
  world = await governanceWorld(db.prisma);
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/warden`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await db.close();
});
beforeEach(() => {
  received = [];
  answer = 200;
});

/** Runs the dispatcher until nothing is due (a change also starts it in the background). */
async function settle(now?: () => Date) {
  for (let i = 0; i < 20; i++) {
    const { delivered, failed } = await deliverDueWebhooks(db.prisma, now ? { now } : {});
    if (delivered + failed === 0) {
      await new Promise((r) => setTimeout(r, 50));
      if ((await deliverDueWebhooks(db.prisma, now ? { now } : {})).delivered === 0) return;
    }
  }
}

describe("webhooks", () => {
  it("are created by admins with a secret shown once, never listed again; bad input names the field", async () => {
    const before = await db.prisma.auditEvent.count();
    const hook = await createWebhook(db.prisma, world.actors.admin, { url, events: ["change_request.opened", "model.disabled"] });
    expect(hook.secret).toMatch(/^whsec_/);
    expect(await db.prisma.auditEvent.count()).toBe(before + 1);
    expect(JSON.stringify(await listWebhooks(db.prisma, world.actors.admin))).not.toContain(hook.secret);
    const bad = await createWebhook(db.prisma, world.actors.admin, { url: "ftp://x", events: [] }).catch((e) => e);
    expect(bad.fieldErrors).toMatchObject({ url: ["Enter an http:// or https:// URL"], events: ["Choose at least one event"] });
    await expect(createWebhook(db.prisma, world.actors.compliance, { url, events: ["model.disabled"] })).rejects.toMatchObject({ code: "forbidden" });
    await disableWebhook(db.prisma, world.actors.admin, { id: hook.id });
  });

  it("deliver a change request's opening, signed with the webhook's secret, and log it", async () => {
    const hook = await createWebhook(db.prisma, world.actors.admin, { url, events: ["change_request.opened"] });
    const { request } = await openChangeRequest(db.prisma, world.actors.engineer, approvalRequest(world));
    await settle();
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(delivery.headers["x-warden-event"]).toBe("change_request.opened");
    expect(verifyWebhookSignature(hook.secret, delivery.body, delivery.headers[SIGNATURE_HEADER] as string, Math.floor(Date.now() / 1000))).toBe(true);
    expect(JSON.parse(delivery.body)).toMatchObject({
      event: "change_request.opened",
      data: { id: request.id, kind: "approval", model: { id: world.candidate.id }, requestedBy: world.actors.engineer.email },
    });
    const [logged] = (await listWebhooks(db.prisma, world.actors.admin)).find((h) => h.id === hook.id)!.deliveries;
    expect(logged).toMatchObject({ event: "change_request.opened", attempt: 1, statusCode: 200, error: null });
    expect(logged.deliveredAt).not.toBeNull();
    await disableWebhook(db.prisma, world.actors.admin, { id: hook.id });
  });

  it("queue nothing for a change that did not happen, or for events a webhook did not ask for", async () => {
    const hook = await createWebhook(db.prisma, world.actors.admin, { url, events: ["model.disabled"] });
    await openChangeRequest(db.prisma, world.actors.engineer, approvalRequest(world));
    await expect(
      changeModelStatus(db.prisma, world.actors.ml_lead, {
        modelId: world.incumbent.id,
        version: 999,
        to: "disabled",
        reasonKind: "incident",
        reason: "stale",
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    await settle();
    expect(received).toHaveLength(0);
    expect(await db.prisma.webhookDelivery.count({ where: { webhookId: hook.id } })).toBe(0);
    await disableWebhook(db.prisma, world.actors.admin, { id: hook.id });
  });

  it("retry a failing receiver with growing pauses, then give up; deliver when it recovers", async () => {
    const hook = await createWebhook(db.prisma, world.actors.admin, { url, events: ["model.disabled"] });
    const model = await db.prisma.model.findUniqueOrThrow({ where: { id: world.incumbent.id } });
    answer = 503;
    await changeModelStatus(db.prisma, world.actors.ml_lead, {
      modelId: model.id,
      version: model.version,
      to: "disabled",
      reasonKind: "incident",
      reason: "provider outage",
    });
    await settle();
    const row = () => db.prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } });
    expect(await row()).toMatchObject({ attempt: 1, statusCode: 503, error: "answered 503", deliveredAt: null, gaveUpAt: null });
    // Each pause in turn: still failing after them all, it is given up.
    let clock = Date.now();
    for (const delay of RETRY_DELAYS_MS) {
      clock += delay + 1_000;
      await settle(() => new Date(clock));
    }
    expect(await row()).toMatchObject({ attempt: RETRY_DELAYS_MS.length + 1, nextAttemptAt: null });
    expect((await row()).gaveUpAt).not.toBeNull();
    expect(received).toHaveLength(RETRY_DELAYS_MS.length + 1);
    expect(JSON.parse(received[0].body)).toMatchObject({ event: "model.disabled", data: { id: model.id, reason: "incident: provider outage" } });
    await disableWebhook(db.prisma, world.actors.admin, { id: hook.id });
  });

  it("send a test delivery at once and report a receiver that is down", async () => {
    const hook = await createWebhook(db.prisma, world.actors.admin, { url, events: ["model.disabled"] });
    const ok = await sendTestDelivery(db.prisma, world.actors.admin, { id: hook.id });
    expect(ok).toMatchObject({ ok: true, statusCode: 200 });
    expect(received[0].headers["x-warden-event"]).toBe("webhook.test");
    expect(verifyWebhookSignature(hook.secret, received[0].body, received[0].headers[SIGNATURE_HEADER] as string, Math.floor(Date.now() / 1000))).toBe(true);
    // A port that was free a moment ago: nothing listens there.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const down = await createWebhook(db.prisma, world.actors.admin, { url: `http://127.0.0.1:${closedPort}/nothing-listens`, events: ["model.disabled"] });
    const failed = await sendTestDelivery(db.prisma, world.actors.admin, { id: down.id });
    expect(failed).toMatchObject({ ok: false, statusCode: null, error: expect.stringContaining("ECONNREFUSED") });
    const log = (await listWebhooks(db.prisma, world.actors.admin)).find((h) => h.id === down.id)!.deliveries;
    expect(log[0]).toMatchObject({ event: "webhook.test", attempt: 1, deliveredAt: null });
  });
});
