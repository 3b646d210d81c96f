"use server";
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { clientIp, signIn } from "@/lib/auth/next-auth";
import { loginThrottle, throttleKeys } from "@/lib/auth/login-throttle";
import type { FormState } from "@/lib/server/form-state";

function safeCallback(value: FormDataEntryValue | null): string {
  const target = typeof value === "string" ? value : "/";
  // Only same-site paths: never bounce a signed-in user to another origin.
  return target.startsWith("/") && !target.startsWith("//") ? target : "/";
}

export async function signInWithPassword(_prev: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) {
    return {
      status: "error",
      code: "validation",
      message: "Enter your email and password.",
      fieldErrors: { ...(email ? {} : { email: ["Enter your email"] }), ...(password ? {} : { password: ["Enter your password"] }) },
      values: { email },
    };
  }
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallback(form.get("callbackUrl")) });
    return { status: "ok" };
  } catch (error) {
    if (error instanceof AuthError) {
      const wait = loginThrottle.waitMs(throttleKeys(email, clientIp(await headers())));
      const message =
        wait > 0
          ? `Too many failed sign-in attempts. Wait ${Math.ceil(wait / 1000)} seconds before trying again.`
          : "That email and password do not match an active account.";
      return { status: "error", code: wait > 0 ? "rate_limited" : "unauthenticated", message, values: { email } };
    }
    throw error; // the redirect after a successful sign-in
  }
}
