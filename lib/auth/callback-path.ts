// Where to go after signing in: only a path on this site, never another origin, so a link cannot bounce a
// signed-in person away. The value is resolved the way a browser resolves it (backslashes as slashes, tabs
// and newlines dropped, so "/\\evil.example" and "/\t/evil.example" are other origins) and kept only when
// it stays on this origin.
const SELF = "http://warden.invalid";

export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(value, SELF);
  } catch {
    return "/";
  }
  return url.origin === SELF ? `${url.pathname}${url.search}${url.hash}` : "/";
}
