import { describe, expect, it } from 'vitest';
import { describePrincipal, principalFromClaims } from './principal';

describe('claims → principal', () => {
  it('maps a professional', () => {
    const p = principalFromClaims({
      sub: 'u1',
      role: 'professional',
      rpps: '99900012345',
      finess: '549999991',
    });
    expect(p).toEqual({
      kind: 'professional',
      sub: 'u1',
      rpps: '99900012345',
      finess: '549999991',
    });
    expect(describePrincipal(p!)).toEqual({
      role: 'professional',
      rpps: '99900012345',
      finess: '549999991',
    });
  });

  it('maps a professional without FINESS', () => {
    expect(principalFromClaims({ sub: 'u1', role: 'professional', rpps: '1' })).toEqual({
      kind: 'professional',
      sub: 'u1',
      rpps: '1',
    });
  });

  it('maps a patient', () => {
    const p = principalFromClaims({
      sub: 'p1',
      role: 'patient',
      ins: '258037512345653',
      ins_oid: '1.2.250.1.213.1.4.10',
    });
    expect(p).toEqual({
      kind: 'patient',
      sub: 'p1',
      ins: '258037512345653',
      insOid: '1.2.250.1.213.1.4.10',
    });
    expect(describePrincipal(p!)).toEqual({
      role: 'patient',
      ins: '258037512345653',
      insOid: '1.2.250.1.213.1.4.10',
    });
  });

  it.each([
    { sub: 'u1' },
    { sub: 'u1', role: 'admin', rpps: '1' },
    { sub: 'u1', role: 'professional' },
    { sub: 'u1', role: 'professional', rpps: '' },
    { role: 'professional', rpps: '1' },
    { sub: 'p1', role: 'patient', ins: '258037512345653' },
    { sub: 'p1', role: 'patient', ins: '2580*', ins_oid: '1.2.250.1.213.1.4.10' },
    { sub: 'p1', role: 'patient', ins: '258037512345653', ins_oid: 'not-an-oid' },
    { sub: 'p1', role: ['patient'], ins: '258037512345653', ins_oid: '1.2.250.1.213.1.4.10' },
  ])('refuses %j', (claims) => {
    expect(principalFromClaims(claims)).toBeNull();
  });
});
