import { describe, expect, it } from 'vitest';
import { loadsFromWholeSeries } from './wholeSeriesSyntaxes';

const mono16 = { photometricInterpretation: 'MONOCHROME2', bitsAllocated: 16 };

describe('loadsFromWholeSeries', () => {
  it('takes the syntaxes the loader decodes right as stored', () => {
    for (const ts of [
      '1.2.840.10008.1.2',
      '1.2.840.10008.1.2.1',
      '1.2.840.10008.1.2.4.57',
      '1.2.840.10008.1.2.4.70',
      '1.2.840.10008.1.2.4.80',
      '1.2.840.10008.1.2.4.81',
      '1.2.840.10008.1.2.4.90',
      '1.2.840.10008.1.2.4.91',
      '1.2.840.10008.1.2.5',
    ]) {
      expect(loadsFromWholeSeries({ transferSyntax: ts, ...mono16 }), ts).toBe(true);
    }
    expect(
      loadsFromWholeSeries({
        transferSyntax: '1.2.840.10008.1.2.4.50',
        photometricInterpretation: 'YBR_FULL_422',
        bitsAllocated: 8,
      }),
    ).toBe(true);
  });

  it('leaves to the per-frame path what it must mend', () => {
    for (const ts of [
      '1.2.840.10008.1.2.2', // big endian: the source decodes it
      '1.2.840.10008.1.2.1.99', // deflated
      '1.2.840.10008.1.2.4.51', // 12-bit JPEG: decoded wrong in the browser
      '1.2.840.10008.1.2.4.100', // MPEG-2: no decoder
      '',
    ]) {
      expect(loadsFromWholeSeries({ transferSyntax: ts, ...mono16 }), ts).toBe(false);
    }
    expect(
      loadsFromWholeSeries({ transferSyntax: '1.2.840.10008.1.2.4.50', ...mono16 }),
      'baseline JPEG is 8-bit',
    ).toBe(false);
    expect(
      loadsFromWholeSeries({
        transferSyntax: '1.2.840.10008.1.2.1',
        photometricInterpretation: 'YBR_FULL_422',
        bitsAllocated: 8,
      }),
      'native 4:2:2 colour',
    ).toBe(false);
    expect(
      loadsFromWholeSeries({
        transferSyntax: '1.2.840.10008.1.2.1',
        photometricInterpretation: 'MONOCHROME2',
        bitsAllocated: 1,
      }),
      'packed 1-bit frames',
    ).toBe(false);
  });
});
