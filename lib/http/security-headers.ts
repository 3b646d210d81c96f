// The content security policy of Warden's pages: scripts only from this origin and with this request's
// nonce (Next.js puts it on its own scripts when it sees the policy on the request), nothing framed,
// forms posting only here. Styles allow inline attributes: the charts (recharts) position with them.
// `next dev` also needs eval for its fast refresh. Pure, so it is tested as text.

/** formTargets: other origins a form may lead to (the single sign-on provider the sign-in form redirects to). */
export function contentSecurityPolicy(nonce: string, dev: boolean, formTargets: string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...formTargets].join(" "),
    "frame-ancestors 'none'",
  ].join("; ");
}

/** What machine answers (JSON, CSV, PDF) carry: nothing in them may run or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
