// `npm run audit:verify [-- --head saved-head.json] [--save-head head.json]`: recomputes the audit trail's
// hash chain and prints "intact up to event N" or the first broken event and what is wrong with it.
// --head also checks the trail still reaches a head saved earlier (a removed tail fails); --save-head
// writes the current head to keep outside the database. Exit code 0 intact, 1 broken, 2 bad usage.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { chainHeadDocument, parseChainHead } from "@/lib/audit/chain-head";
import { chainHead, describeVerdict, verifyAuditTrailFor } from "@/lib/audit/verify";
import type { Actor } from "@/lib/authz/actor";
import { openDatabase } from "@/lib/db/connection";
import { DomainError } from "@/lib/errors";

const { values } = parseArgs({ options: { head: { type: "string" }, "save-head": { type: "string" } } });
let savedHead: { seq: bigint; hash: string } | undefined;
try {
  savedHead = values.head ? parseChainHead(readFileSync(values.head, "utf8")) : undefined;
} catch (error) {
  console.error(`Cannot read the saved head ${values.head}: ${error instanceof DomainError ? error.message : (error as Error).message}`);
  process.exit(2);
}

const operator: Actor = { kind: "cli", label: process.env.USER ?? "operator" };
const db = await openDatabase();
try {
  const started = Date.now();
  const verdict = await verifyAuditTrailFor(db.prisma, operator, savedHead);
  console.log(describeVerdict(verdict) + (savedHead && verdict.intact ? ` It reaches the saved head, event ${savedHead.seq}.` : ""));
  console.error(`(${verdict.events.toLocaleString("en")} events verified in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (values["save-head"] && !verdict.intact) console.error("The head was not saved: a broken chain's head vouches for nothing.");
  if (values["save-head"] && verdict.intact) {
    const head = await chainHead(db.prisma, operator);
    if (head) {
      writeFileSync(values["save-head"], JSON.stringify(chainHeadDocument(head, new Date()), null, 2) + "\n");
      console.log(`Head (event ${head.seq}) written to ${values["save-head"]}.`);
    }
  }
  if (!verdict.intact) process.exitCode = 1;
} finally {
  await db.close();
}
