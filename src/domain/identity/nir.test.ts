import { describe, expect, it } from 'vitest';
import { isValidNir, nirKey } from './nir';

describe('NIR key', () => {
  it('computes 97 − (n mod 97)', () => {
    expect(nirKey('1850578006084')).toBe(91);
    expect(nirKey('1 85 05 78 006 084')).toBe(91);
  });

  it('accepts a NIR with its right key, spaces or not', () => {
    expect(isValidNir('185057800608491')).toBe(true);
    expect(isValidNir('1 85 05 78 006 084 91')).toBe(true);
  });

  it('refuses a wrong key or a mistyped digit', () => {
    expect(isValidNir('185057800608492')).toBe(false);
    expect(isValidNir('185057800618491')).toBe(false);
  });

  it('counts Corsica 2A as 19 and 2B as 18', () => {
    expect(nirKey('290012A004123')).toBe(85);
    expect(isValidNir('290012A00412385')).toBe(true);
    expect(isValidNir('290012b00412315')).toBe(true);
    expect(isValidNir('290012A00412315')).toBe(false);
  });

  it.each(['', '1234', '18505780060849', '1850578006084912', 'ABCDEFGHIJKLMNO', '290012C00412385'])(
    'refuses the malformed %j',
    (nir) => {
      expect(isValidNir(nir)).toBe(false);
    },
  );
});
