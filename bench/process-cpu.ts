/**
 * CPU seconds used by this process's descendants, by role (for benchmarks that want to say where
 * the time of a transfer went: the browser, the Jupyter server, the local S3, a CLI). Linux only:
 * reads /proc/<pid>/stat (utime + stime of live processes, plus what their waited-for children
 * used); elsewhere every reading is empty.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';

/** CPU seconds by role. */
export type CpuByRole = Record<string, number>;

interface Stat {
  pid: number;
  ppid: number;
  seconds: number;
}

const TICKS = 100; // USER_HZ on Linux

function readStat(pid: string): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    return { pid: Number(pid), ppid: Number(fields[1]), seconds: ticks / TICKS };
  } catch {
    return null; // gone meanwhile
  }
}

/**
 * CPU seconds one process (all its threads, and its waited-for children) has used so far.
 * @param pid - the process.
 * @returns the seconds, or undefined when it is gone or this is not Linux.
 */
export function processCpuSeconds(pid: number): number | undefined {
  return readStat(String(pid))?.seconds;
}

/**
 * CPU seconds of every live descendant of this process, summed per role: a process belongs to the
 * role of its nearest ancestor (or itself) in `roots`, else to `otherRole`.
 * @param roots - pid → role (e.g. the Jupyter server's pid → 'jupyter').
 * @param otherRole - the role of the rest.
 * @returns seconds by role.
 */
export function cpuByRole(roots: Map<number, string>, otherRole = 'other'): CpuByRole {
  if (!existsSync('/proc/self/stat')) {
    return {};
  }
  const stats = new Map<number, Stat>();
  for (const name of readdirSync('/proc')) {
    if (/^\d+$/.test(name)) {
      const stat = readStat(name);
      if (stat) {
        stats.set(stat.pid, stat);
      }
    }
  }
  const out: CpuByRole = {};
  for (const stat of stats.values()) {
    let role: string | undefined;
    let mine = false;
    for (let at: Stat | undefined = stat; at; at = stats.get(at.ppid)) {
      role ??= roots.get(at.pid);
      if (at.ppid === process.pid) {
        mine = true;
        break;
      }
    }
    if (mine && stat.pid !== process.pid) {
      const key = role ?? otherRole;
      out[key] = (out[key] ?? 0) + stat.seconds;
    }
  }
  return out;
}

/**
 * What each role used between two readings.
 * @param before - the first reading.
 * @param after - the second.
 * @returns seconds by role, rounded to 0.01.
 */
export function cpuBetween(before: CpuByRole, after: CpuByRole): CpuByRole {
  const out: CpuByRole = {};
  for (const role of Object.keys(after)) {
    out[role] = Math.round(((after[role] ?? 0) - (before[role] ?? 0)) * 100) / 100;
  }
  return out;
}
