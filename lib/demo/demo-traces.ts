// The Azure LLM inference traces (Splitwise, ISCA'24; CC-BY-4.0): one hour of real production requests
// each for a coding and a conversation service, as arrival times and (context, generated) token pairs.
// The demo's usage borrows their burstiness and token distributions.
import { DATA_DIR, PUBLIC_DATA_FILES, publicDataPath, readPublicData } from "@/lib/public-data";

export type TraceName = "code" | "conv";

export interface Trace {
  name: TraceName;
  /** Seconds between consecutive arrivals (length = rows − 1). */
  gaps: Float64Array;
  meanGap: number;
  inputTokens: Int32Array;
  outputTokens: Int32Array;
  meanInput: number;
  meanOutput: number;
  medianInput: number;
  medianOutput: number;
  p95Output: number;
}

export const traceFile = (name: TraceName) => (name === "code" ? PUBLIC_DATA_FILES.azureCodeTrace : PUBLIC_DATA_FILES.azureConvTrace);

/** "2023-11-16 18:17:03.9799600" → seconds since midnight (the traces span about an hour). */
function secondsOfDay(timestamp: string): number {
  const time = timestamp.slice(11);
  const [h, m, s] = time.split(":");
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

function median(values: Int32Array): number {
  const sorted = Int32Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function quantile(values: Int32Array, q: number): number {
  const sorted = Int32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export function parseTrace(name: TraceName, csv: string): Trace {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = lines.shift()?.split(",") ?? [];
  const [ts, ctx, gen] = ["TIMESTAMP", "ContextTokens", "GeneratedTokens"].map((column) => header.indexOf(column));
  if (ts < 0 || ctx < 0 || gen < 0) throw new Error(`Trace ${name}: expected columns TIMESTAMP, ContextTokens, GeneratedTokens`);
  const times = new Float64Array(lines.length);
  const inputTokens = new Int32Array(lines.length);
  const outputTokens = new Int32Array(lines.length);
  lines.forEach((line, i) => {
    const cells = line.split(",");
    times[i] = secondsOfDay(cells[ts]);
    inputTokens[i] = Number(cells[ctx]);
    outputTokens[i] = Number(cells[gen]);
  });
  const gaps = new Float64Array(Math.max(0, lines.length - 1));
  for (let i = 1; i < lines.length; i++) gaps[i - 1] = Math.max(0, times[i] - times[i - 1]);
  const sum = (a: ArrayLike<number>) => {
    let total = 0;
    for (let i = 0; i < a.length; i++) total += a[i];
    return total;
  };
  return {
    name,
    gaps,
    meanGap: sum(gaps) / gaps.length,
    inputTokens,
    outputTokens,
    meanInput: sum(inputTokens) / inputTokens.length,
    meanOutput: sum(outputTokens) / outputTokens.length,
    medianInput: median(inputTokens),
    medianOutput: median(outputTokens),
    p95Output: quantile(outputTokens, 0.95),
  };
}

const cache = new Map<string, Trace>();

export function loadTrace(name: TraceName, dir = DATA_DIR): Trace {
  const file = publicDataPath(traceFile(name), dir);
  const cached = cache.get(file);
  if (cached) return cached;
  const trace = parseTrace(name, readPublicData(traceFile(name), dir));
  cache.set(file, trace);
  return trace;
}
