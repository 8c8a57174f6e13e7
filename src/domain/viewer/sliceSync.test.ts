import { describe, expect, it } from 'vitest';
import {
  alignmentOffset,
  matchingIndex,
  needsAlignment,
  positionAlong,
  sliceNormal,
  stackGeometry,
  type StackGeometry,
} from './sliceSync';

const AXIAL = [1, 0, 0, 0, 1, 0];
const Z: [number, number, number] = [0, 0, 1];

/** An axial stack as the sample CTs are written: head to feet, `first` the top slice. */
function axialStack(
  frameOfReferenceUID: string | null,
  first: number,
  count: number,
  spacing: number,
  sliceThickness: number | null = spacing,
): StackGeometry {
  return {
    frameOfReferenceUID,
    normal: Z,
    positions: Array.from({ length: count }, (_, k) => first - k * spacing),
    sliceThickness,
  };
}

describe('sliceNormal', () => {
  it.each([
    ['axial', AXIAL, [0, 0, 1]],
    ['sagittal (sample MR)', [0, 1, 0, 0, 0, -1], [-1, 0, 0]],
    ['coronal', [1, 0, 0, 0, 0, -1], [0, 1, 0]],
    ['not unit length', [2, 0, 0, 0, 2, 0], [0, 0, 1]],
  ])('%s', (_, iop, expected) => {
    const n = sliceNormal(iop);
    expect(n).not.toBeNull();
    n?.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? Number.NaN, 9));
  });
  it.each([
    ['too short', [1, 0, 0, 0, 1]],
    ['a zero direction', [0, 0, 0, 0, 1, 0]],
    ['parallel directions', [1, 0, 0, 1, 0, 0]],
    ['not a number', [1, 0, 0, 0, Number.NaN, 0]],
  ])('null for %s', (_, iop) => {
    expect(sliceNormal(iop)).toBeNull();
  });
});

describe('positionAlong', () => {
  it('is the distance along the normal', () => {
    expect(positionAlong([-199.6, -199.6, -37.5], Z)).toBe(-37.5);
    expect(positionAlong([12, 5, 3], [1, 0, 0])).toBe(12);
  });
});

describe('stackGeometry', () => {
  it('reads the frames in display order', () => {
    const frames = [0, -2.5, -5].map((z) => ({
      imagePositionPatient: [-200, -200, z],
      imageOrientationPatient: AXIAL,
    }));
    expect(stackGeometry(frames, '1.2.3', 2.5)).toEqual({
      frameOfReferenceUID: '1.2.3',
      normal: [0, 0, 1],
      positions: [0, -2.5, -5],
      sliceThickness: 2.5,
    });
  });
  it('has no normal when a frame lacks its position, and no frame of reference when empty', () => {
    const frames = [
      { imagePositionPatient: [0, 0, 0], imageOrientationPatient: AXIAL },
      { imagePositionPatient: null, imageOrientationPatient: AXIAL },
    ];
    expect(stackGeometry(frames, '', null)).toEqual({
      frameOfReferenceUID: null,
      normal: null,
      positions: [],
      sliceThickness: null,
    });
  });
});

describe('matchingIndex', () => {
  // martin: today's chest CT (0 → -97.5 mm) and the prior from another site, whose table put
  // the same anatomy 37.5 mm higher in its own frame of reference.
  const current = axialStack('for-nancy', 0, 40, 2.5);
  const prior = axialStack('for-reims', 37.5, 40, 2.5);

  it.each([
    // [source index, offset, expected target index]
    ['same frame, no offset: position 0 is prior slice 15', current, 0, 0, 15],
    ['after « Aligner » on the shift, slice k is slice k', current, 0, 37.5, 0],
    ['… in the middle', current, 20, 37.5, 20],
    ['… at the last slice', current, 39, 37.5, 39],
    ['without the offset, past the prior end', current, 30, 0, null],
    ['a source index outside its stack', current, 40, 37.5, null],
    ['a fractional source index', current, 1.5, 37.5, null],
  ])('%s', (_, source, index, offset, expected) => {
    expect(matchingIndex(source, index, prior, offset)).toBe(expected);
  });

  it('stops within half a slice spacing past the end, not further', () => {
    const target = axialStack('b', 0, 10, 2.5); // 0 … -22.5
    const source = axialStack('a', 1.25, 1, 1); // one image at +1.25
    expect(matchingIndex(source, 0, target, 0)).toBe(0);
    const above = axialStack('a', 1.3, 1, 1);
    expect(matchingIndex(above, 0, target, 0)).toBeNull();
    const below = axialStack('a', -23.75, 1, 1);
    expect(matchingIndex(below, 0, target, 0)).toBe(9);
    expect(matchingIndex(axialStack('a', -23.8, 1, 1), 0, target, 0)).toBeNull();
  });

  it('matches by position across non-integer spacings (0.625 mm against 2.5 mm)', () => {
    const thin = axialStack('f', 0, 161, 0.625); // 0 … -100
    const thick = axialStack('f', 0, 41, 2.5); // 0 … -100
    expect(matchingIndex(thin, 0, thick, 0)).toBe(0);
    expect(matchingIndex(thin, 5, thick, 0)).toBe(1); // -3.125 → -2.5
    expect(matchingIndex(thin, 3, thick, 0)).toBe(1); // -1.875 → -2.5
    expect(matchingIndex(thick, 7, thin, 0)).toBe(28); // -17.5
    expect(matchingIndex(axialStack('f', -1.1, 1, 1), 0, axialStack('f', 0, 30, 3.3), 0)).toBe(0);
    expect(matchingIndex(axialStack('f', -1.7, 1, 1), 0, axialStack('f', 0, 30, 3.3), 0)).toBe(1);
  });

  it('follows a target displayed in the reverse order (feet to head)', () => {
    const reversed: StackGeometry = {
      ...prior,
      positions: [...prior.positions].reverse(), // -60 … 37.5
    };
    expect(matchingIndex(current, 0, reversed, 37.5)).toBe(39);
    expect(matchingIndex(current, 39, reversed, 37.5)).toBe(0);
    expect(matchingIndex(current, 10, reversed, 0)).toBe(14); // -25: prior slice 25
  });

  it('follows a target whose normal points the other way', () => {
    // Same slices, rows stored mirrored: positions measured along -z.
    const flipped: StackGeometry = {
      ...current,
      normal: [0, 0, -1],
      positions: current.positions.map((p) => -p),
    };
    expect(matchingIndex(current, 12, flipped, 0)).toBe(12);
  });

  it('refuses stacks of different planes, and tolerates a few degrees', () => {
    const sagittal: StackGeometry = { ...current, normal: [1, 0, 0] };
    expect(matchingIndex(current, 0, sagittal, 0)).toBeNull();
    const tilt = (deg: number): StackGeometry => ({
      ...current,
      normal: [0, Math.sin((deg * Math.PI) / 180), Math.cos((deg * Math.PI) / 180)],
    });
    expect(matchingIndex(current, 3, tilt(3), 0)).toBe(3);
    expect(matchingIndex(current, 3, tilt(10), 0)).toBeNull();
  });

  it('has nothing to match without geometry', () => {
    const none: StackGeometry = {
      frameOfReferenceUID: null,
      normal: null,
      positions: [],
      sliceThickness: null,
    };
    expect(matchingIndex(current, 0, none, 0)).toBeNull();
    expect(matchingIndex(none, 0, current, 0)).toBeNull();
  });
});

describe('alignmentOffset', () => {
  const current = axialStack('for-nancy', 0, 40, 2.5);
  const prior = axialStack('for-reims', 37.5, 40, 2.5);

  it('records the documented shift when both show the same anatomy', () => {
    expect(alignmentOffset(current, 20, prior, 20)).toBe(37.5);
    // …and scrolling then lands on the matching slice.
    const offset = alignmentOffset(current, 20, prior, 20);
    for (const k of [0, 7, 39]) expect(matchingIndex(current, k, prior, offset)).toBe(k);
  });

  it('is the offset that maps back, whatever the spacings', () => {
    const thin = axialStack('a', 10, 100, 0.625);
    const thick = axialStack('b', 100, 30, 3.3);
    const offset = alignmentOffset(thin, 40, thick, 12);
    expect(offset).toBeCloseTo(100 - 12 * 3.3 - (10 - 40 * 0.625), 9);
    expect(matchingIndex(thin, 40, thick, offset)).toBe(12);
  });

  it('is 0 when an image has no position', () => {
    expect(alignmentOffset(current, 99, prior, 0)).toBe(0);
  });
});

describe('needsAlignment', () => {
  it.each([
    ['same frame of reference', 'a', 'a', false],
    ['different frames of reference', 'a', 'b', true],
    ['one unknown', 'a', null, true],
    ['both unknown', null, null, true],
  ])('%s', (_, a, b, expected) => {
    expect(needsAlignment(axialStack(a, 0, 2, 1), axialStack(b, 0, 2, 1))).toBe(expected);
  });
});
