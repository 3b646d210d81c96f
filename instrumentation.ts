// Opens the database when the server starts, so the first request (often a sign-in) does not wait for
// PGlite to load.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("@/lib/db/server-db");
  await getDb();
}
