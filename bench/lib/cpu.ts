import fs from 'node:fs';
import os from 'node:os';

/**
 * CPU time (user + system, ms) another process has used so far: what `process.cpuUsage()` reports
 * inside it, read from outside through /proc (Linux) so the server needs no extra endpoint for the
 * bench. undefined where /proc is missing; the caller then prints the figure as not measured.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on every Linux Node supports (sysconf is not reachable from Node). */
const CLOCK_TICKS = 100;

/** The 1-minute load average, printed with every figure of a shared machine. */
export const loadAverage = () => `load ${os.loadavg()[0]!.toFixed(2)}`;
