import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppNav } from "@/components/layout/app-nav";
import { currentUser } from "@/lib/auth/current-actor";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return (
    <>
      <AppNav user={user} />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
