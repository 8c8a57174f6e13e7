import { describe, expect, it } from 'vitest';
import { nextBefore } from './accessTrace';

describe('the next page of the access trace', () => {
  it('is the cursor of the Bundle’s `next` link', () => {
    expect(
      nextBefore({
        link: [
          { relation: 'self', url: '/api/fhir/AuditEvent?_count=500' },
          { relation: 'next', url: '/api/fhir/AuditEvent?_count=500&_before=1234' },
        ],
      }),
    ).toBe('1234');
  });

  it.each([
    ['no link', {}],
    ['no next link', { link: [{ relation: 'self', url: '/x?_before=3' }] }],
    ['a next link without cursor', { link: [{ relation: 'next', url: '/x?_count=5' }] }],
    ['a cursor that is no record number', { link: [{ relation: 'next', url: '/x?_before=1;2' }] }],
    ['not a Bundle', 'x'],
  ])('is none with %s', (_label, bundle) => {
    expect(nextBefore(bundle)).toBeUndefined();
  });
});
