import { describe, expect, it } from 'vitest';
import { angleLines, areaLines, lengthLines, probeLines } from './measurementText';

const FR = {
  area: 'Aire :',
  mean: 'Moyenne :',
  stdDev: 'Écart type :',
  minMax: 'Min / max :',
  pixel: 'Pixel',
};

// Intl's French groups thousands with a narrow no-break space: compare on plain spaces.
const plain = (lines: string[]) => lines.map((l) => l.replace(/\u202f|\u00a0/g, ' '));

describe('measurement text', () => {
  it('writes SUV values to the hundredth', () => {
    expect(
      plain(
        areaLines(
          { mean: 2.456, stdDev: 0.1, min: 0.5, max: 3.14159, modalityUnit: 'SUV' },
          FR,
          'fr',
        ),
      ),
    ).toEqual(['Moyenne : 2,46 SUV', 'Écart type : 0,10 SUV', 'Min / max : 0,50 / 3,14 SUV']);
    expect(probeLines({ index: [1, 2, 0], value: 7.891, modalityUnit: 'SUV' }, FR, 'fr')).toEqual([
      'Pixel (1, 2)',
      '7,89 SUV',
    ]);
  });

  it('writes an ROI in French with decimal commas and units', () => {
    const lines = areaLines(
      {
        area: 1884.96,
        areaUnit: 'mm²',
        mean: -100.24,
        stdDev: 3.16,
        min: -105,
        max: -95,
        modalityUnit: 'HU',
      },
      FR,
      'fr',
    );
    expect(plain(lines)).toEqual([
      'Aire : 1 885 mm²',
      'Moyenne : -100,2 HU',
      'Écart type : 3,2 HU',
      'Min / max : -105 / -95 HU',
    ]);
  });

  it('writes English numbers with decimal points', () => {
    expect(lengthLines({ length: 299.54, unit: 'mm' }, 'en')).toEqual(['299.5 mm']);
    expect(angleLines({ angle: 105.945 }, 'en')).toEqual(['105.9°']);
  });

  it('shows nothing for an angle still being drawn, and no unit for raw MR values', () => {
    expect(angleLines({ angle: 'Incomplete Angle' }, 'fr')).toEqual([]);
    expect(plain(areaLines({ mean: 450, modalityUnit: 'raw' }, FR, 'fr'))).toEqual([
      'Moyenne : 450,0',
    ]);
  });

  it('says which pixel a probe reads and its value', () => {
    expect(probeLines({ index: [256, 358, 0], value: 700, modalityUnit: 'HU' }, FR, 'fr')).toEqual([
      'Pixel (256, 358)',
      '700,0 HU',
    ]);
    expect(probeLines({ index: [1, 2, 0] }, FR, 'fr')).toEqual([]);
  });

  it('leaves out an area Cornerstone could not compute (oblique plane)', () => {
    expect(areaLines({ area: 0, isEmptyArea: true, areaUnit: 'mm²' }, FR, 'fr')).toEqual([]);
  });
});
