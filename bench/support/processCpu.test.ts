import { describe, expect, it } from 'vitest';
import { cpuMsOfStat } from './processCpu';

// A real line of /proc/PID/stat (a Node process), its name made awkward on purpose.
const line = (name: string) =>
  `23248 (${name}) S 1 23247 23247 0 -1 4194560 41235 0 0 0 1091 230 0 0 20 0 12 0 ` +
  `2112733 1187938304 58411 18446744073709551615 1 1 0 0 0 0 0 4096 134234626 0 0 0 17 1 0 0 0 0 0`;

describe('cpuMsOfStat', () => {
  it('adds user and system time, in ms', () => {
    expect(cpuMsOfStat(line('node'))).toBe(13_210);
  });

  it('reads past a command name holding spaces and parentheses', () => {
    expect(cpuMsOfStat(line('we ird) (name'))).toBe(13_210);
  });

  it('answers null for what is not a stat line', () => {
    expect(cpuMsOfStat('')).toBeNull();
    expect(cpuMsOfStat('12 (node) S 1')).toBeNull();
  });
});
