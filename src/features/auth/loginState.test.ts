import { describe, expect, it } from 'vitest';
import { readLoginState } from './loginState';

describe('readLoginState', () => {
  it('returns the path and language the login started from', () => {
    expect(readLoginState({ returnTo: '/etude/1.2.3?x=1', lang: 'en' })).toEqual({
      returnTo: '/etude/1.2.3?x=1',
      lang: 'en',
    });
  });

  it.each([undefined, null, 'x', { returnTo: 'https://evil.example', lang: 'de' }])(
    'falls back on home without a language for %j',
    (state) => {
      expect(readLoginState(state)).toEqual({ returnTo: '/' });
    },
  );
});
