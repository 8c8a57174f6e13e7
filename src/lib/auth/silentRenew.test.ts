import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renewDelaySeconds, scheduleSilentRenew, type RenewResult } from './silentRenew';

describe('renewDelaySeconds', () => {
  it.each([
    [600, 540],
    [3600, 3540],
    [240, 180],
    [120, 60],
    [20, 10],
    [4, 2],
    [0, 0],
    [-5, 0],
  ])('renews a token ending in %i s after %i s', (remaining, delay) => {
    expect(renewDelaySeconds(remaining)).toBe(delay);
  });
});

describe('scheduleSilentRenew', () => {
  const START = Date.UTC(2026, 0, 1, 10, 0, 0);

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const endsIn = (seconds: number) => START / 1000 + seconds;

  it('renews once, half a short token’s life before its end', async () => {
    const renew = vi.fn(async (): Promise<RenewResult> => 'done');
    const cancel = scheduleSilentRenew(endsIn(20), renew);
    await vi.advanceTimersByTimeAsync(9_500);
    expect(renew).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(renew).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(renew).toHaveBeenCalledOnce();
    cancel();
  });

  it('renews a 10-minute token a minute before its end, even after the machine slept', async () => {
    const renew = vi.fn(async (): Promise<RenewResult> => 'done');
    const cancel = scheduleSilentRenew(endsIn(600), renew);
    await vi.advanceTimersByTimeAsync(530_000);
    expect(renew).not.toHaveBeenCalled();
    // Asleep: the clock jumps, timers did not run in between.
    vi.setSystemTime(START + 545_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(renew).toHaveBeenCalledOnce();
    cancel();
  });

  it('tries again every 5 s while asking again may help, never past the end', async () => {
    const renew = vi.fn(async (): Promise<RenewResult> => 'retry');
    const cancel = scheduleSilentRenew(endsIn(30), renew);
    await vi.advanceTimersByTimeAsync(60_000);
    // Due at 15 s, then 20 s and 25 s; 30 s is the end, where the session has expired instead.
    expect(renew).toHaveBeenCalledTimes(3);
    cancel();
  });

  it('treats a thrown error as worth one more try', async () => {
    const renew = vi
      .fn<() => Promise<RenewResult>>()
      .mockRejectedValueOnce(new Error('iframe timed out'))
      .mockResolvedValue('done');
    const cancel = scheduleSilentRenew(endsIn(600), renew);
    await vi.advanceTimersByTimeAsync(560_000);
    expect(renew).toHaveBeenCalledTimes(2);
    cancel();
  });

  it('stops when cancelled: a new token, a logout or an unmount', async () => {
    const renew = vi.fn(async (): Promise<RenewResult> => 'done');
    const cancel = scheduleSilentRenew(endsIn(12), renew);
    cancel();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(renew).not.toHaveBeenCalled();
  });
});
