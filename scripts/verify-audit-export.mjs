// `node scripts/verify-audit-export.mjs export.ndjson [--full]`: checks a Warden audit export without Warden, its
// database or any package: each line's hash is SHA-256 over its prevHash, a newline and the canonical
// JSON of the hashed fields (keys sorted at every depth, no spaces); consecutive events must link
// (prevHash = the previous event's hash). A filtered export skips events, so only the links between
// neighbouring sequence numbers are checked there; --full, for an unfiltered export, also requires the
// chain to start at event 1 and miss none (a deleted event fails). Copy it anywhere: it is the whole verifier.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const sorted = (v) =>
  Array.isArray(v)
    ? v.map(sorted)
    : v && typeof v === "object"
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sorted(v[k])]),
        )
      : v;
const FIELDS = ["seq", "occurredAt", "actorId", "actorLabel", "action", "targetType", "targetId", "before", "after", "reason"];

const full = process.argv.includes("--full");
const GENESIS = "0".repeat(64);
let previous = null;
let count = 0;
for (const line of readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean)) {
  const event = JSON.parse(line);
  const record = JSON.stringify(sorted(Object.fromEntries(FIELDS.map((f) => [f, event[f]]))));
  const hash = createHash("sha256").update(`${event.prevHash}\n${record}`).digest("hex");
  if (hash !== event.hash) throw new Error(`event ${event.seq}: its content does not match its hash (altered)`);
  if (previous && BigInt(event.seq) === BigInt(previous.seq) + 1n && event.prevHash !== previous.hash)
    throw new Error(`event ${event.seq}: does not follow event ${previous.seq}`);
  if (full && BigInt(event.seq) !== (previous ? BigInt(previous.seq) + 1n : 1n))
    throw new Error(`event ${event.seq}: expected event ${previous ? BigInt(previous.seq) + 1n : 1n} (missing or reordered)`);
  if (full && !previous && event.prevHash !== GENESIS) throw new Error(`event ${event.seq}: the first event must follow the genesis hash`);
  if (previous && BigInt(event.seq) <= BigInt(previous.seq)) throw new Error(`event ${event.seq}: out of order after ${previous.seq}`);
  previous = event;
  count += 1;
}
console.log(`${count} events verified${previous ? `, up to event ${previous.seq} (hash ${previous.hash})` : ""}.`);
