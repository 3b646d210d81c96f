import { AnalyticsNavigation } from "@/components/analytics/analytics-navigation";
import type { ReactNode } from "react";

// The overview, drift and compare pages read their data one way: rendered on the server from the URL's
// parameters (no client-side fetching), so their first JavaScript is only the controls. Changing a
// control navigates inside a transition (components/analytics/analytics-navigation.tsx): the current
// figures stay on screen, marked busy, until the new render arrives; a failure shows ./error.tsx. The
// JSON endpoints under /api/v1/analytics answer the same numbers for scripts.
export default function AnalyticsLayout({ children }: { children: ReactNode }) {
  return <AnalyticsNavigation>{children}</AnalyticsNavigation>;
}
