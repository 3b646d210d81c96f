import { redirect } from "next/navigation";
import { requirePage } from "@/lib/server/page";

// The home page is the catalog, for anyone signed in.
export default async function Home() {
  await requirePage("catalog:read");
  redirect("/models");
}
