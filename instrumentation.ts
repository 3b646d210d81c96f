// Opens the database when the server starts, so the first request (often a sign-in) does not wait for
// PGlite to load; then sends due webhook deliveries (retries, and any queued while no server ran)
// every 15 seconds. Changes that queue deliveries also start a round at once.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("@/lib/db/server-db");
  const { prisma } = await getDb();
  const { kickWebhookDispatcher } = await import("@/lib/webhooks/webhook-dispatcher");
  kickWebhookDispatcher(prisma);
  setInterval(() => kickWebhookDispatcher(prisma), 15_000).unref();
}
