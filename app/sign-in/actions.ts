"use server";
import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { loginThrottle, throttleKeys } from "@/lib/auth/login-throttle";
import { clientIp, signIn } from "@/lib/auth/next-auth";
import { DomainError } from "@/lib/errors";
import { handleForm } from "@/lib/server/action";
import { stringField } from "@/lib/server/form-input";
import type { FormState } from "@/lib/server/form-state";

export async function signInWithPassword(_prev: FormState, form: FormData): Promise<FormState> {
  return handleForm(form, {
    secret: ["password"],
    run: async (input) => {
      const email = (stringField(input, "email") ?? "").trim();
      const password = stringField(input, "password") ?? "";
      if (!email || !password) {
        throw new DomainError("validation", "Enter your email and password.", {
          ...(email ? {} : { email: ["Enter your email"] }),
          ...(password ? {} : { password: ["Enter your password"] }),
        });
      }
      try {
        // On success next-auth redirects (a thrown navigation signal, passed on below).
        await signIn("credentials", { email, password, redirectTo: safeCallbackPath(input.callbackUrl) });
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        // The throttle counted this failure while checking the password (lib/auth/next-auth.ts).
        const wait = loginThrottle.waitMs(throttleKeys(email, clientIp(await headers())));
        if (wait > 0) throw new DomainError("rate_limited", `Too many failed sign-in attempts. Wait ${Math.ceil(wait / 1000)} seconds before trying again.`);
        throw new DomainError("unauthenticated", "That email and password do not match an active account.");
      }
    },
  });
}
