// The facts a benchmark figure means nothing without: what it ran on.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

export interface MachineFacts {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  loadAverage: number[];
}

function cpuModel(): string {
  const fromOs = os.cpus()[0]?.model?.trim();
  try {
    // lscpu names the model more fully than /proc/cpuinfo on some virtual machines ("AMD EPYC" alone).
    const out = execFileSync("lscpu", { encoding: "utf8" });
    const name = /^Model name:\s*(.+)$/m.exec(out)?.[1]?.trim();
    const vendor = /^Vendor ID:\s*(.+)$/m.exec(out)?.[1]?.trim();
    const family = /^CPU family:\s*(.+)$/m.exec(out)?.[1]?.trim();
    const model = /^Model:\s*(.+)$/m.exec(out)?.[1]?.trim();
    const hypervisor = /^Hypervisor vendor:\s*(.+)$/m.exec(out)?.[1]?.trim();
    const details = [vendor, family && `family ${family}`, model && `model ${model}`, hypervisor && `${hypervisor} guest`].filter(Boolean).join(", ");
    if (name) return details ? `${name} (${details})` : name;
  } catch {
    // no lscpu: fall back to what Node reports
  }
  return fromOs ?? "unknown";
}

function osName(): string {
  try {
    const release = readFileSync("/etc/os-release", "utf8");
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(release)?.[1];
    if (pretty) return `${pretty}, Linux ${os.release()}`;
  } catch {
    // not Linux or no os-release
  }
  return `${os.type()} ${os.release()}`;
}

export function machineFacts(): MachineFacts {
  return {
    cpuModel: cpuModel(),
    cores: os.availableParallelism(),
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: osName(),
    node: process.version,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
