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

  it('keeps the name, profession and structure the token carries, for the access trace', () => {
    const p = principalFromClaims({
      sub: 'u1',
      role: 'professional',
      rpps: '99900012345',
      given_name: 'Claire',
      family_name: 'LAMBERT',
      SubjectOrganization: 'Ignored when the activity names its site',
      SubjectRefPro: {
        exercices: [
          {
            codeProfession: '10',
            codeSavoirFaire: 'SM54',
            activities: [{ raisonSocialeSite: 'Cabinet médical du Parc', numeroFinessSite: '1' }],
          },
        ],
      },
    });
    expect(p).toEqual({
      kind: 'professional',
      sub: 'u1',
      rpps: '99900012345',
      identity: {
        name: 'LAMBERT Claire',
        profession: { code: '10', label: 'Médecin' },
        specialty: { code: 'SM54', label: 'Médecine générale' },
        structureName: 'Cabinet médical du Parc',
      },
    });
    // What the SPA learns of itself does not change.
    expect(describePrincipal(p!)).toEqual({ role: 'professional', rpps: '99900012345' });
  });

  it('bounds display claims and ignores ones of the wrong type', () => {
    const p = principalFromClaims({
      sub: 'u1',
      role: 'professional',
      rpps: '1',
      name: 'X'.repeat(5000),
      SubjectRefPro: 42,
    });
    expect(p).toEqual({
      kind: 'professional',
      sub: 'u1',
      rpps: '1',
      identity: { name: 'X'.repeat(200) },
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
