import "@fontsource-variable/inter";
import "./globals.css";
import { QueryProvider } from "@/components/layout/query-provider";
import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = {
  title: { default: "Warden", template: "%s · Warden" },
  description: "Which model may serve which workflow, at what cost, and until when.",
  icons: { icon: { url: "/icon.svg", type: "image/svg+xml" } },
  // A private tool: no page is for search engines (public/robots.txt says the same to crawlers).
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}
