import "server-only";
// The webhooks page (/admin/webhooks): every webhook with its latest deliveries and their outcome, and
// whether it may still be tested or disabled.
import type { PageViewer } from "@/lib/server/page";
import { deliveryOutcome, disableRefusal, testDeliveryRefusal } from "./webhook-rules";
import { listWebhooks } from "./webhook-service";

export async function webhooksView(viewer: PageViewer) {
  const hooks = await listWebhooks(viewer.prisma, viewer.user);
  return {
    hooks: hooks.map((hook) => ({
      ...hook,
      whyNotTest: testDeliveryRefusal(hook),
      whyNotDisable: disableRefusal(hook),
      deliveries: hook.deliveries.map((d) => ({ ...d, outcome: deliveryOutcome(d) })),
    })),
  };
}
