import { describe, expect, it } from 'vitest';
import { ECHO_MAX_CHARS, echo, hasControlCharacter } from './launchError';
import {
  collect,
  MAX_IGNORED_REPORTED,
  MAX_LIST_ITEMS,
  single,
  splitList,
  toPairs,
} from './params';

const known = (name: string) => (['a', 'b'].includes(name) ? name : undefined);

describe('toPairs', () => {
  it('keeps repeats from URLSearchParams, arrays of pairs and parsed objects alike', () => {
    const expected = [
      ['a', '1'],
      ['a', '2'],
      ['b', '3'],
    ];
    expect(toPairs(new URLSearchParams('a=1&a=2&b=3'))).toEqual(expected);
    expect(toPairs(expected as Array<[string, string]>)).toEqual(expected);
    expect(toPairs({ a: ['1', '2'], b: '3', c: undefined })).toEqual(expected);
  });
});

describe('collect / single', () => {
  it('sorts known and ignored names, echoing and capping the ignored ones', () => {
    const pairs = Array.from({ length: 100 }, (_, i) => [`x${i}`, ''] as const);
    const collected = collect([['a', '1'], ...pairs, ['x1', '']], known);
    expect(collected.values.get('a')).toEqual(['1']);
    expect(collected.ignored).toHaveLength(MAX_IGNORED_REPORTED);
    expect(collected.ignored[0]).toBe('x0');
  });

  it('does not take Object.prototype names for known ones', () => {
    const collected = collect(
      [
        ['__proto__', '1'],
        ['constructor', '2'],
      ],
      known,
    );
    expect(collected.values.size).toBe(0);
    expect(collected.ignored).toEqual(['__proto__', 'constructor']);
  });

  it('reads blank as absent, trims, refuses repeats, control characters and huge values', () => {
    const collected = collect(
      [
        ['a', '  '],
        ['b', ' v '],
      ],
      known,
    );
    expect(single(collected, 'a')).toEqual({ kind: 'absent' });
    expect(single(collected, 'b')).toEqual({ kind: 'value', value: 'v' });
    expect(
      single(
        collect(
          [
            ['a', '1'],
            ['a', '1'],
          ],
          known,
        ),
        'a',
      ),
    ).toMatchObject({
      kind: 'error',
      error: { code: 'ambiguous_parameter', parameter: 'a' },
    });
    expect(single(collect([['a', 'x\u0007y']], known), 'a')).toMatchObject({
      kind: 'error',
      error: { code: 'invalid_parameter' },
    });
    expect(single(collect([['a', '1'.repeat(5000)]], known), 'a')).toMatchObject({
      kind: 'error',
      error: { code: 'invalid_parameter' },
    });
  });
});

describe('splitList', () => {
  const any = () => undefined;

  it('trims and deduplicates, keeping first order', () => {
    expect(splitList('l', ' 1.2 , 1.3,1.2 ', any)).toEqual({ ok: true, items: ['1.2', '1.3'] });
  });

  it('refuses empty items', () => {
    expect(splitList('l', '1.2,,1.3', any)).toMatchObject({
      ok: false,
      errors: [{ code: 'invalid_parameter', parameter: 'l' }],
    });
    expect(splitList('l', '1.2,', any).ok).toBe(false);
  });

  it('caps the list length, counting distinct items', () => {
    const items = Array.from({ length: MAX_LIST_ITEMS }, (_, i) => `${i}`);
    expect(splitList('l', [...items, ...items].join(','), any).ok).toBe(true);
    const result = splitList('l', [...items, 'one-more'].join(','), any);
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'too_many_values' }] });
  });

  it('reports each bad item once, and no more than five', () => {
    const bad = () => ({
      code: 'invalid_parameter' as const,
      parameter: 'l',
      message: '',
      messageEn: '',
      messageWithoutValue: '',
    });
    expect(splitList('l', 'x,x,x', bad)).toMatchObject({ ok: false, errors: [{}] });
    const result = splitList('l', 'a,b,c,d,e,f,g', bad);
    expect(result.ok ? [] : result.errors).toHaveLength(5);
  });
});

describe('echo', () => {
  it('keeps short text as it is, markup included', () => {
    expect(echo('<b>x</b>')).toBe('<b>x</b>');
  });

  it(`cuts long text to ${ECHO_MAX_CHARS} characters without splitting an emoji`, () => {
    const long = '🩻'.repeat(100);
    const shown = echo(long);
    expect(Array.from(shown)).toHaveLength(ECHO_MAX_CHARS);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown).not.toContain('\ufffd');
  });

  it('replaces control and direction-changing characters', () => {
    expect(echo('a\u0000b\u202Ec\u2066d\n')).toBe('a\ufffdb\ufffdc\ufffdd\ufffd');
  });

  it('detects control characters, C1 included', () => {
    expect(hasControlCharacter('abc')).toBe(false);
    expect(hasControlCharacter('a\tb')).toBe(true);
    expect(hasControlCharacter('a\u007fb')).toBe(true);
    expect(hasControlCharacter('a\u0085b')).toBe(true);
    expect(hasControlCharacter('é<>&"')).toBe(false);
  });
});
