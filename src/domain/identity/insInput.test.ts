import { describe, expect, it } from 'vitest';
import { parseInsInput } from './insInput';

const OID = '1.2.250.1.213.1.4.10';

describe('parseInsInput', () => {
  it('accepts a 15-digit NIR with a right key, spaces and dots removed', () => {
    expect(parseInsInput(' 2 58 03 75 123 456 53 ', OID)).toEqual({
      ok: true,
      identifier: { issuer: OID, id: '258037512345653' },
    });
  });

  it('says when nothing was typed', () => {
    expect(parseInsInput('  ', OID)).toEqual({ ok: false, problem: 'empty' });
  });

  it.each(['25803751234565', '2580375123456533', 'ABCDEFGHIJKLMNO', '258037512345<b>'])(
    'refuses the shape of %s',
    (text) => {
      expect(parseInsInput(text, OID)).toEqual({ ok: false, problem: 'format' });
    },
  );

  it('refuses a mistyped digit through the key', () => {
    expect(parseInsInput('258037512345654', OID)).toEqual({ ok: false, problem: 'key' });
    expect(parseInsInput('258037512346653', OID)).toEqual({ ok: false, problem: 'key' });
  });
});
