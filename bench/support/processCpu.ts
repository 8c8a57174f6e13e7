// What a process has cost in CPU so far, read from Linux's /proc/PID/stat: the benchmarks
// compare hops by the CPU they spend per request, steadier on this shared 2-core machine
// than a throughput that follows the load.
import fs from 'node:fs';

/** Linux's USER_HZ, the unit of /proc/PID/stat's times, is 100 on every usual build. */
const CLOCK_TICKS_PER_S = 100;

/** User + system time in ms from the text of /proc/PID/stat, or null when it is not one. */
export function cpuMsOfStat(stat: string): number | null {
  // The command name is in parentheses and may itself hold spaces or parentheses.
  const close = stat.lastIndexOf(')');
  if (close === -1) return null;
  const fields = stat.slice(close + 2).split(' ');
  // utime and stime are the 14th and 15th fields, the 12th and 13th after the name.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_S : null;
}

/** User + system CPU time of the processes together so far, in ms; null if one is gone. */
export function cpuMsOf(pids: readonly number[]): number | null {
  let total = 0;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return null;
    }
    const ms = cpuMsOfStat(stat);
    if (ms === null) return null;
    total += ms;
  }
  return total;
}
