// Gives every page its content security policy with a fresh nonce, and sends anonymous visitors of pages
// to the sign-in page. It only redirects: every page, server action and route handler checks the
// actor's permission itself.
import { NextResponse, type NextRequest } from "next/server";
import { readEnv } from "@/lib/env";
import { contentSecurityPolicy, newNonce } from "@/lib/http/security-headers";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
// Signing in with single sign-on posts a form that leads to the identity provider.
const OIDC_ISSUER = readEnv().OIDC_ISSUER;
const OIDC_ORIGIN = OIDC_ISSUER ? new URL(OIDC_ISSUER).origin : null;

export function proxy(request: NextRequest) {
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!signedIn && !request.nextUrl.pathname.startsWith("/sign-in")) {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = "";
    const target = request.nextUrl.pathname + request.nextUrl.search;
    if (target !== "/") url.searchParams.set("callbackUrl", target);
    return NextResponse.redirect(url);
  }
  const policy = contentSecurityPolicy(newNonce(), process.env.NODE_ENV === "development", OIDC_ORIGIN ? [OIDC_ORIGIN] : []);
  // On the request, so Next.js renders its scripts with the nonce; on the response, for the browser.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: API routes answer 401 JSON themselves (their policy is in next.config.js), and static
  // assets (public/: the icon, robots.txt) stay public.
  matcher: ["/((?!api/|v1/|_next/|favicon|fonts/|icon.svg|robots.txt).*)"],
};
