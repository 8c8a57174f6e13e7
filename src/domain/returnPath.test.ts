import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './returnPath';

describe('safeReturnPath', () => {
  it.each(['/', '/studies?patient=1#top', '/viewer/1.2.3'])('keeps the app path %s', (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it.each([
    undefined,
    42,
    '',
    'studies',
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    '/\tevil',
    '/auth/callback?code=x',
    '/auth',
  ])('sends %j home', (value) => {
    expect(safeReturnPath(value)).toBe('/');
  });
});
