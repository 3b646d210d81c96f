import { redirect } from "next/navigation";
import { requirePage } from "@/lib/server/page";

// The home page is the catalog, for anyone signed in (the catalog itself says when a role may not read it).
export default async function Home() {
  await requirePage();
  redirect("/models");
}
