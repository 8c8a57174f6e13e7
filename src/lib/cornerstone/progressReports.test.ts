import { describe, expect, it } from 'vitest';
import { progressReports } from './progressReports';

/** A clock and timers the test moves by hand. */
function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const due = new Map<number, { at: number; run: () => void }>();
  return {
    timers: {
      now: () => now,
      setTimeout: (run: () => void, ms: number) => {
        const id = nextId++;
        due.set(id, { at: now + ms, run });
        return id;
      },
      clearTimeout: (id: unknown) => void due.delete(id as number),
    },
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...due]) {
        if (t.at <= now) {
          due.delete(id);
          t.run();
        }
      }
    },
    pendingTimers: () => due.size,
  };
}

describe('progressReports', () => {
  it('shows the first value at once, then the latest one at most every interval', () => {
    const clock = fakeTimers();
    const seen: number[] = [];
    const reports = progressReports<number>((v) => seen.push(v), 250, clock.timers);
    reports.push(1);
    expect(seen).toEqual([1]);
    for (let i = 2; i <= 50; i++) reports.push(i);
    expect(seen).toEqual([1]);
    clock.advance(250);
    expect(seen).toEqual([1, 50]);
    reports.push(51);
    clock.advance(100);
    expect(seen).toEqual([1, 50]);
    clock.advance(150);
    expect(seen).toEqual([1, 50, 51]);
  });

  it('reports the last value at once, so "complete" never waits', () => {
    const clock = fakeTimers();
    const seen: number[] = [];
    const reports = progressReports<number>((v) => seen.push(v), 250, clock.timers);
    reports.push(1);
    reports.push(2);
    reports.push(320, true);
    expect(seen).toEqual([1, 320]);
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(1000);
    expect(seen).toEqual([1, 320]);
  });

  it('reports nothing more once cancelled', () => {
    const clock = fakeTimers();
    const seen: number[] = [];
    const reports = progressReports<number>((v) => seen.push(v), 250, clock.timers);
    reports.push(1);
    reports.push(2);
    reports.cancel();
    clock.advance(1000);
    expect(seen).toEqual([1]);
  });
});
