import { describe, expect, it } from 'vitest';
import { LATE, settleWithin } from './settleWithin';

describe('settleWithin', () => {
  it('gives the result of work that settles in time', async () => {
    expect(await settleWithin(Promise.resolve(7), 1_000)).toBe(7);
  });

  it('gives LATE for work that does not, without waiting for it', async () => {
    expect(await settleWithin(new Promise(() => undefined), 20)).toBe(LATE);
  });

  it('passes a rejection through', async () => {
    await expect(settleWithin(Promise.reject(new Error('boom')), 1_000)).rejects.toThrow('boom');
  });
});
