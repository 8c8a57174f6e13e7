import { describe, expect, it } from 'vitest';
import { breastFlips } from './breastOrientation';

const none = { flipHorizontal: false, flipVertical: false };
const h = { flipHorizontal: true, flipVertical: false };
const v = { flipHorizontal: false, flipVertical: true };
const both = { flipHorizontal: true, flipVertical: true };

describe('breastFlips', () => {
  it.each([
    // As the sample generator writes them (dev/sample-data/dicom-objects.ts mammoDataset):
    // already hanging back to back, nothing to flip.
    ['RCC as generated', 'R', 'CC', ['P', 'L'], none],
    ['LCC as generated', 'L', 'CC', ['A', 'R'], none],
    ['RMLO as generated', 'R', 'MLO', ['P', 'F'], none],
    ['LMLO as generated', 'L', 'MLO', ['A', 'F'], none],
    // Stored with the chest wall on the other side: a horizontal flip.
    ['RCC stored mirrored', 'R', 'CC', ['A', 'L'], h],
    ['LMLO stored mirrored', 'L', 'MLO', ['P', 'F'], h],
    // Oblique column directions name the feet first.
    ['LMLO with an oblique column direction', 'L', 'MLO', ['A', 'FR'], none],
    ['RMLO upside down', 'R', 'MLO', ['P', 'H'], v],
    ['RMLO rotated 180°', 'R', 'MLO', ['A', 'HL'], both],
    // CC views hang with the lateral side up.
    ['RCC lateral side down', 'R', 'CC', ['P', 'R'], v],
    ['LCC lateral side down and mirrored', 'L', 'CC', ['P', 'L'], both],
    ['ML view', 'R', 'ML', ['P', 'F'], none],
    // Nothing known, nothing flipped.
    ['no Patient Orientation', 'R', 'CC', null, none],
    ['no laterality', null, 'CC', ['A', 'R'], none],
    ['unknown view: only the chest wall side is decided', 'L', null, ['P', 'H'], h],
    ['empty values', 'R', 'MLO', ['', ''], none],
  ] as const)('%s', (_, laterality, view, orientation, expected) => {
    expect(breastFlips(laterality, view, orientation)).toEqual(expected);
  });
});
