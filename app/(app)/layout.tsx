import { AppNav } from "@/components/layout/app-nav";
import { requirePage } from "@/lib/server/page";
import type { ReactNode } from "react";

export default async function AppLayout({ children }: { children: ReactNode }) {
  // Every page in the app is for a signed-in person; each page checks its own permission.
  const { user } = await requirePage();
  return (
    <>
      <AppNav user={user} />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
