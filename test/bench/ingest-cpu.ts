/**
 * CPU time per process for the ingest benchmark (Linux /proc): how many CPU milliseconds each
 * process of the path spends per message during a phase. On a shared 2-core machine wall-clock
 * rates move with the load of other work; CPU time per message moves much less, and its sum
 * over the path says how many messages per second two idle cores could carry at most.
 * Used by test/bench/ingest.ts.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  name: string;
  parent: number;
  cpuMs: number;
}

function stat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (name) state ppid ... utime(14) stime(15)": the name may hold spaces and parentheses.
    const close = text.lastIndexOf(")");
    const name = text.slice(text.indexOf("(") + 1, close);
    const fields = text.slice(close + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { name, parent: Number(fields[1]), cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** Ids of running processes called `name` (optionally only children of `parent`). */
export function findProcesses(name: string, parent?: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const info = stat(Number(entry));
    if (info?.name === name && (parent === undefined || info.parent === parent)) pids.push(Number(entry));
  }
  return pids;
}

/** Accumulates CPU milliseconds of named groups of processes between start() and stop(). */
export class CpuMeter {
  private readonly groups = new Map<string, number[]>();
  private readonly before = new Map<string, number>();
  private readonly spent = new Map<string, number>();
  private selfBefore: NodeJS.CpuUsage | undefined;

  /** Adds processes to a group (`pid` undefined or gone: ignored). */
  track(group: string, pids: (number | undefined)[]): this {
    const known = this.groups.get(group) ?? [];
    for (const pid of pids) if (pid !== undefined) known.push(pid);
    this.groups.set(group, known);
    return this;
  }

  private total(group: string): number {
    return (this.groups.get(group) ?? []).reduce((sum, pid) => sum + (stat(pid)?.cpuMs ?? 0), 0);
  }

  start(): void {
    for (const group of this.groups.keys()) this.before.set(group, this.total(group));
    this.selfBefore = process.cpuUsage();
  }

  stop(): void {
    for (const group of this.groups.keys()) {
      this.spent.set(group, this.total(group) - (this.before.get(group) ?? 0));
    }
    const self = process.cpuUsage(this.selfBefore);
    this.spent.set("benchmark (devices, event watcher)", (self.user + self.system) / 1000);
  }

  /** CPU milliseconds per message per group, rounded to 3 decimals. */
  perMessage(messages: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [group, ms] of this.spent) out[group] = Number((ms / messages).toFixed(3));
    return out;
  }
}
