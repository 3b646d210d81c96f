// What `npm run usage:import` runs (node, its flags, the bundling runner and the script), read from
// package.json, so the benchmark and the killed-import test run the real command without npm's own
// wrapper process in between (whose memory would count, and which a SIGKILL would not pass on).
import { readFileSync } from "node:fs";
import path from "node:path";

export function importCommand(repoRoot: string): string[] {
  const script: string = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")).scripts["usage:import"];
  const [bin, ...args] = script.split(/\s+/);
  return [bin === "node" ? process.execPath : path.join(repoRoot, "node_modules", ".bin", bin), ...args];
}
