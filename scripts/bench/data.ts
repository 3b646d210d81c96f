// Writing the synthetic usage where the benchmark needs it: a CSV file (for the import figures), or
// straight into a database's tables (for the dashboard figures, where 10 M events through the import
// would only measure the import again).
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { CSV_HEADER, toCsvLine } from "@/lib/bench/synthetic-usage";
import type { UsageRow } from "@/lib/demo/demo-usage";

/** Streams rows to a CSV file; stops early once `maxBytes` are written. Returns rows and bytes written. */
export async function writeCsv(file: string, rows: Iterable<UsageRow>, maxBytes = Number.POSITIVE_INFINITY): Promise<{ rows: number; bytes: number }> {
  const out = createWriteStream(file);
  let buffer = CSV_HEADER;
  let bytes = 0;
  let count = 0;
  const flush = async () => {
    bytes += Buffer.byteLength(buffer);
    if (!out.write(buffer)) await once(out, "drain");
    buffer = "";
  };
  for (const row of rows) {
    const line = toCsvLine(row);
    if (bytes + buffer.length + line.length > maxBytes) break;
    buffer += line;
    count++;
    if (buffer.length >= 1 << 20) await flush();
  }
  await flush();
  out.end();
  await once(out, "finish");
  return { rows: count, bytes };
}
