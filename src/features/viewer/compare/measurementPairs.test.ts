import { describe, expect, it } from 'vitest';
import { pairMeasurements, type StudyMeasurement } from './measurementPairs';

const m = (uid: string, study: number, kind: 'length' | 'area', value = 10): StudyMeasurement => ({
  uid,
  study,
  kind,
  value,
  unit: kind === 'length' ? 'mm' : 'mm²',
  imageId: `wadors:${uid}`,
});

describe('pairMeasurements', () => {
  it('pairs each measurement of today with the prior one of the same kind and rank', () => {
    const pairs = pairMeasurements(
      [m('c1', 0, 'length'), m('p1', 1, 'area'), m('c2', 0, 'area'), m('p2', 1, 'length')],
      {},
    );
    expect(pairs.map((p) => [p.current.uid, p.prior?.uid ?? null])).toEqual([
      ['c1', 'p2'],
      ['c2', 'p1'],
    ]);
  });

  it('leaves a measurement unpaired rather than comparing unlike kinds', () => {
    const pairs = pairMeasurements([m('c1', 0, 'length'), m('p1', 1, 'area')], {});
    expect(pairs[0]?.prior).toBeNull();
    expect(pairs[0]?.choices).toEqual([]);
  });

  it('follows the user’s choice, and says so when the chosen one is gone', () => {
    const all = [m('c1', 0, 'length'), m('p1', 1, 'length'), m('p2', 2, 'length')];
    expect(pairMeasurements(all, { c1: 'p2' })[0]?.prior?.uid).toBe('p2');
    expect(pairMeasurements(all, { c1: 'gone' })[0]?.prior).toBeNull();
  });
});
