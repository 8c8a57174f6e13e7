import { describe, expect, it } from 'vitest';
import { mergeRepeatedSeries } from './repeatedSeries';

const s = (uid: string, n: number | null, description = '') => ({
  seriesInstanceUID: uid,
  numberOfInstances: n,
  description,
});

describe('mergeRepeatedSeries', () => {
  it('keeps one entry per series UID and adds up what each listing holds', () => {
    const merged = mergeRepeatedSeries([s('a', 1, 'first'), s('b', 3), s('a', 1, 'second')]);
    expect(merged).toEqual([s('a', 2, 'first'), s('b', 3)]);
  });

  it('leaves a list without repeats as it is', () => {
    const list = [s('a', 1), s('b', null)];
    expect(mergeRepeatedSeries(list)).toEqual(list);
  });

  it('keeps an unknown count unknown only when every listing left it out', () => {
    expect(mergeRepeatedSeries([s('a', null), s('a', null)])).toEqual([s('a', null)]);
    expect(mergeRepeatedSeries([s('a', null), s('a', 4)])).toEqual([s('a', 4)]);
  });
});
