// Process figures from /proc (Linux): CPU time of a process tree and its memory high-water mark, so a
// figure can be checked against the work done (CPU seconds do not grow when other programs share the
// machine; wall-clock time does) and the import's memory can be read from outside.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** pid → parent pid for every process visible in /proc. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name (field 2) may hold spaces and parentheses: fields resume after the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(Number(entry), Number(fields[1]));
    } catch {
      // exited while we looked
    }
  }
  return out;
}

/** The pid and all its descendants. */
export function processTree(root: number): number[] {
  const parentOf = parents();
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid);
  return tree;
}

/**
 * User + system CPU seconds a process has used so far, plus those of its children that exited and were
 * waited for (a PostgreSQL backend's time moves into the postmaster's when the connection closes), or 0
 * if it is gone.
 */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime, stime, cutime, cstime are fields 14–17 of stat, i.e. 11–14 after the command name.
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds of a process tree, by pid, so a caller can take differences over an interval. */
export function treeCpu(root: number): Map<number, number> {
  return new Map(processTree(root).map((pid) => [pid, cpuSeconds(pid)]));
}

/**
 * CPU seconds the tree used between two snapshots. A process that started in between counts from 0; one
 * that exited in between counts through its parent (its whole life lands in the parent's children's
 * time), so what it had used before the first snapshot is taken off again.
 */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  for (const [pid, seconds] of before) if (!after.has(pid)) total -= seconds;
  return total;
}

/** A /proc/<pid>/status field in bytes (VmRSS, VmHWM, …); 0 if the process is gone. */
export function statusBytes(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The postmaster's pid of a cluster, from the first line of its postmaster.pid file. */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]);
}
