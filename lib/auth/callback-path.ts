// Where to go after signing in: only a path on this site, never another origin ("//evil.example" and
// "/\\evil.example" are other origins to a browser), so a link cannot bounce a signed-in person away.
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  return value.startsWith("//") || value.startsWith("/\\") ? "/" : value;
}
