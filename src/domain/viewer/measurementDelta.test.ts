import { describe, expect, it } from 'vitest';
import { measurementChange, type TimedMeasurement } from './measurementDelta';

const m = (
  kind: TimedMeasurement['kind'],
  value: number,
  unit: string,
  role: TimedMeasurement['role'],
): TimedMeasurement => ({
  kind,
  value,
  unit,
  role,
  studyDate: role === 'current' ? '2026-10-05' : '2024-04-12',
});

describe('measurementChange', () => {
  it.each([
    [
      'a nodule that grew',
      m('length', 8, 'mm', 'current'),
      m('length', 6, 'mm', 'prior'),
      2,
      33.333,
    ],
    [
      'a nodule that shrank',
      m('length', 4.5, 'mm', 'current'),
      m('length', 6, 'mm', 'prior'),
      -1.5,
      -25,
    ],
    ['a stable one', m('length', 6, 'mm', 'current'), m('length', 6, 'mm', 'prior'), 0, 0],
    [
      'an area, units spelt two ways',
      m('area', 150, 'mm²', 'current'),
      m('area', 100, 'mm2', 'prior'),
      50,
      50,
    ],
    ['a mean SUV', m('mean', 3, 'SUV', 'current'), m('mean', 6, 'SUV', 'prior'), -3, -50],
    // Hounsfield units have no true zero: a difference, never a percentage.
    ['a mean density', m('mean', 45, 'HU', 'current'), m('mean', 30, 'HU', 'prior'), 15, null],
    ['a prior of zero', m('length', 3, 'mm', 'current'), m('length', 0, 'mm', 'prior'), 3, null],
  ])('%s', (_, current, prior, difference, percent) => {
    const change = measurementChange(current, prior);
    expect(change?.difference).toBeCloseTo(difference, 9);
    if (percent === null) expect(change?.percent).toBeNull();
    else expect(change?.percent).toBeCloseTo(percent, 3);
    expect(change?.unit).toBe(current.unit);
  });

  it.each([
    ['a length against an area', m('length', 8, 'mm', 'current'), m('area', 6, 'mm²', 'prior')],
    ['millimetres against pixels', m('length', 8, 'mm', 'current'), m('length', 60, 'px', 'prior')],
    [
      'a mean in HU against one in SUV',
      m('mean', 8, 'HU', 'current'),
      m('mean', 6, 'SUV', 'prior'),
    ],
    [
      'a value that is no number',
      m('length', Number.NaN, 'mm', 'current'),
      m('length', 6, 'mm', 'prior'),
    ],
  ])('null for %s', (_, current, prior) => {
    expect(measurementChange(current, prior)).toBeNull();
  });
});
