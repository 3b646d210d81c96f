import { AnalyticsNavigation } from "@/components/analytics/analytics-navigation";
import { requirePage } from "@/lib/server/page";
import type { ReactNode } from "react";

// The overview, drift and compare pages read their data one way: rendered on the server from the URL's
// parameters (no client-side fetching), so their first JavaScript is only the controls. Changing a
// control navigates inside a transition (components/analytics/analytics-navigation.tsx): the current
// figures stay on screen, marked busy, until the new render arrives; a failure shows ./error.tsx. The
// JSON endpoints under /api/v1/analytics answer the same numbers for scripts.
// The permission is checked here as well as in each page: a layout renders outside its own loading
// boundary (./loading.tsx), so a refusal here comes before the response starts and answers 403.
export default async function AnalyticsLayout({ children }: { children: ReactNode }) {
  await requirePage("analytics:read");
  return <AnalyticsNavigation>{children}</AnalyticsNavigation>;
}
