import { describe, expect, it } from 'vitest';
import { dicomLabToLab, dicomLabToRgb } from './cielab';

describe('dicomLabToRgb', () => {
  // Expected sRGB as dcmjs's Colors.dicomlab2RGB gives it (an independent implementation of
  // the same CIE formulas), ±2 for rounding.
  const cases: { name: string; lab: [number, number, number]; rgb: [number, number, number] }[] = [
    { name: 'white', lab: [65535, 32896, 32896], rgb: [255, 255, 255] },
    { name: 'black', lab: [0, 32896, 32896], rgb: [0, 0, 0] },
    { name: 'mid grey (L* 50)', lab: [32768, 32896, 32896], rgb: [119, 119, 119] },
    // The real liver_1frame.dcm's liver (Slicer's 221,130,101 after dcmqi's round trip).
    { name: 'Slicer liver', lab: [41661, 41167, 40792], rgb: [217, 130, 101] },
    { name: 'a saturated red', lab: [35005, 53486, 50100], rgb: [251, 0, 8] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const rgb = dicomLabToRgb(c.lab);
      for (let i = 0; i < 3; i++)
        expect(Math.abs((rgb[i] ?? 0) - c.rgb[i]!)).toBeLessThanOrEqual(2);
    });
  }

  it('scales L* to 0–100 and a*, b* to −128–127', () => {
    expect(dicomLabToLab([65535, 0, 65535])).toEqual([100, -128, 127]);
  });
});
