import { describe, expect, it } from 'vitest';
import { compareValue, priorKeysOf } from './compareUrl';

const A = 'AAAAAAAAAAAAAAAAAAAA-_1';
const B = 'BBBBBBBBBBBBBBBBBBBBBBBB';
const C = 'CCCCCCCCCCCCCCCCCCCCCCCC';
const CURRENT = 'KKKKKKKKKKKKKKKKKKKKKKKK';

describe('priorKeysOf', () => {
  it('reads one or two keys', () => {
    expect(priorKeysOf(A, CURRENT)).toEqual([A]);
    expect(priorKeysOf(`${A},${B}`, CURRENT)).toEqual([A, B]);
  });

  it('keeps at most two, without repeats or the current study', () => {
    expect(priorKeysOf(`${A},${A},${CURRENT},${B},${C}`, CURRENT)).toEqual([A, B]);
  });

  it('drops what cannot be a sealed key', () => {
    expect(priorKeysOf(null, CURRENT)).toEqual([]);
    expect(priorKeysOf('', CURRENT)).toEqual([]);
    expect(priorKeysOf(`short,${A},a b c d e f g h i j k l m n o`, CURRENT)).toEqual([A]);
    expect(priorKeysOf(`../../etc/passwd${'x'.repeat(20)}`, CURRENT)).toEqual([]);
  });
});

describe('compareValue', () => {
  it('joins the keys, or says there is no comparison', () => {
    expect(compareValue([A, B])).toBe(`${A},${B}`);
    expect(compareValue([A, B, C])).toBe(`${A},${B}`);
    expect(compareValue([])).toBeNull();
  });
});
