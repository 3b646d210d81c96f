// `npm run apikey:create -- --name N --scopes read,ingest:write [--expires YYYY-MM-DD]`: creates an API
// key from the shell and prints it once. Recorded in the audit trail as a command-line action.
import { parseArgs } from "node:util";
import { createApiKey } from "@/lib/auth/api-key-service";
import { openDatabase } from "@/lib/db/connection";
import { DomainError } from "@/lib/errors";

const { values } = parseArgs({ options: { name: { type: "string" }, scopes: { type: "string" }, expires: { type: "string" }, owner: { type: "string" } } });
if (!values.name || !values.scopes) {
  console.error("Usage: npm run apikey:create -- --name <name> --scopes read,ingest:write,catalog:write [--expires YYYY-MM-DD] [--owner <email>]");
  process.exit(2);
}
const db = await openDatabase();
try {
  const created = await createApiKey(
    db.prisma,
    { kind: "cli", label: process.env.USER ?? "operator" },
    {
      name: values.name,
      scopes: values.scopes.split(",").map((s) => s.trim()),
      expiresAt: values.expires,
      owner: values.owner,
    },
  );
  console.error(`Created API key "${created.name}" (${created.scopes.join(", ")}). It is shown once; store it now:`);
  console.log(created.key);
} catch (error) {
  console.error(error instanceof DomainError ? `Cannot create the key: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
