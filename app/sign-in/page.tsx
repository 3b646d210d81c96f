import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { currentUser } from "@/lib/auth/current-actor";
import { signIn } from "@/lib/auth/next-auth";
import { oidcSettingsFromEnv } from "@/lib/auth/oidc";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const oidc = oidcSettingsFromEnv();
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="text-2xl font-semibold">Warden</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600 dark:text-slate-400">Sign in to the model-governance dashboard.</p>
      <div className="card">
        <SignInForm callbackUrl={callbackUrl} />
        {oidc && (
          <form
            className="mt-4 border-t border-slate-200 pt-4 dark:border-slate-800"
            action={async () => {
              "use server";
              await signIn("oidc", { redirectTo: callbackUrl });
            }}
          >
            <button type="submit" className="btn-secondary w-full">
              Sign in with {oidc.name}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
