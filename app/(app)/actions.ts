"use server";
import { signOut } from "@/lib/auth/next-auth";
import { handleForm } from "@/lib/server/action";

/** The navigation's sign-out button: ends the session, then the sign-in page. */
export async function signOutAction(form: FormData): Promise<void> {
  await handleForm(form, { run: () => signOut({ redirect: false }), redirectTo: () => "/sign-in" });
}
