import { describe, expect, it } from 'vitest';
import { principalFromClaims } from './principal';

// Shaped like the demo IdP's ID token for a GP (PSC claims brokered by a regional IdP).
const gp = {
  sub: 'medecin',
  given_name: 'Claire',
  family_name: 'LAMBERT',
  name: 'Claire LAMBERT',
  role: 'professional',
  SubjectNameID: '899900012345',
  SubjectRole: ['10^1.2.250.1.213.1.1.5.5'],
  Secteur_Activite: 'SA07^1.2.250.1.71.4.2.4',
  SubjectRefPro: {
    codeCivilite: 'MME',
    exercices: [
      {
        codeProfession: '10',
        codeCategorieProfessionnelle: 'C',
        nomDExercice: 'LAMBERT',
        prenomDExercice: 'Claire',
        codeTypeSavoirFaire: 'S',
        codeSavoirFaire: 'SM54',
        activities: [
          {
            raisonSocialeSite: 'Cabinet médical du Parc (fictif)',
            identifiantStructure: '1549999991',
            numeroFinessSite: '549999991',
          },
        ],
      },
    ],
  },
};

const patient = {
  sub: 'patient1',
  given_name: 'MARIE',
  family_name: 'DUBOIS',
  name: 'MARIE DUBOIS',
  role: 'patient',
  ins: '258037512345653',
  ins_oid: '1.2.250.1.213.1.4.10',
  birthdate: '1958-03-14',
};

describe('principalFromClaims', () => {
  it('reads a professional from PSC-shaped claims', () => {
    expect(principalFromClaims(gp)).toEqual({
      role: 'professional',
      displayName: 'LAMBERT Claire',
      nationalId: '899900012345',
      rpps: '99900012345',
      profession: { code: '10', label: 'Médecin' },
      specialty: { code: 'SM54', label: 'Médecine générale' },
      structure: {
        name: 'Cabinet médical du Parc (fictif)',
        finess: '549999991',
        id: '1549999991',
      },
    });
  });

  it('reads a patient with their INS', () => {
    expect(principalFromClaims(patient)).toEqual({
      role: 'patient',
      displayName: 'DUBOIS Marie',
      ins: '258037512345653',
      insOid: '1.2.250.1.213.1.4.10',
      birthDate: '1958-03-14',
    });
  });

  it('accepts SubjectRefPro serialised as JSON text, as some brokers send it', () => {
    const p = principalFromClaims({ ...gp, SubjectRefPro: JSON.stringify(gp.SubjectRefPro) });
    expect(p).toMatchObject({ specialty: { label: 'Médecine générale' } });
  });

  it('keeps an unknown profession or specialty code visible as the code itself', () => {
    const refPro = { exercices: [{ codeProfession: '99', codeSavoirFaire: 'XX1' }] };
    expect(principalFromClaims({ ...gp, SubjectRefPro: refPro })).toMatchObject({
      profession: { code: '99', label: '99' },
      specialty: { code: 'XX1', label: 'XX1' },
    });
  });

  it('does not invent an RPPS from an ADELI-based national id', () => {
    const p = principalFromClaims({ ...gp, SubjectNameID: '0123456789' });
    expect(p).toMatchObject({ nationalId: '0123456789' });
    expect(p).not.toHaveProperty('rpps');
  });

  it('prefers an explicit rpps claim', () => {
    expect(principalFromClaims({ ...gp, rpps: '11111111111' })).toMatchObject({
      rpps: '11111111111',
    });
  });

  it('builds the name from given/family names, then from the PSC exercise', () => {
    const { name: _name, ...withoutName } = gp;
    expect(principalFromClaims(withoutName).displayName).toBe('LAMBERT Claire');
    const { given_name: _g, family_name: _f, ...bare } = withoutName;
    expect(principalFromClaims(bare).displayName).toBe('LAMBERT Claire');
    // NOM Prénom whatever order the IdP wrote `name` in.
    expect(principalFromClaims(patient).displayName).toBe('DUBOIS Marie');
  });

  it('falls back on SubjectOrganization for the structure name', () => {
    const p = principalFromClaims({
      role: 'professional',
      SubjectOrganization: 'Centre X',
      SubjectRefPro: { exercices: [{ codeProfession: '10' }] },
    });
    expect(p).toMatchObject({ structure: { name: 'Centre X' } });
  });

  it.each([
    ['no claims at all', undefined],
    ['null', null],
    ['a string', 'hello'],
    ['an array', [1, 2]],
    ['no role', { name: 'X' }],
    ['an unknown role', { role: 'admin', name: 'X' }],
    ['a role of the wrong type', { role: ['professional'] }],
  ])('yields an unknown user for %s', (_label, claims) => {
    expect(principalFromClaims(claims).role).toBe('unknown');
  });

  it.each([
    ['SubjectRefPro is a number', { SubjectRefPro: 42 }],
    ['SubjectRefPro is invalid JSON text', { SubjectRefPro: '{oops' }],
    ['exercices is not a list', { SubjectRefPro: { exercices: { codeProfession: '10' } } }],
    ['exercices is empty', { SubjectRefPro: { exercices: [] } }],
    ['the first exercice is null', { SubjectRefPro: { exercices: [null] } }],
    ['activities hold odd types', { SubjectRefPro: { exercices: [{ activities: 'x' }] } }],
    ['codes are objects', { SubjectRefPro: { exercices: [{ codeProfession: { a: 1 } }] } }],
    ['SubjectNameID is an object', { SubjectNameID: { id: 1 } }],
    ['name is blank', { name: '   ' }],
  ])('does not crash when %s', (_label, odd) => {
    const p = principalFromClaims({ role: 'professional', ...odd });
    expect(p.role).toBe('professional');
    // Whatever survives is plain text, never an object smuggled into the UI.
    for (const value of Object.values(p)) {
      if (typeof value === 'object') {
        for (const inner of Object.values(value as object)) expect(typeof inner).toBe('string');
      } else {
        expect(typeof value).toBe('string');
      }
    }
  });

  it('leaves a patient without INS without one rather than guessing', () => {
    const p = principalFromClaims({ role: 'patient', name: 'A B', ins: 12 });
    expect(p).toEqual({ role: 'patient', displayName: 'A B', ins: '12' });
    expect(principalFromClaims({ role: 'patient', ins: ['1'] })).toEqual({ role: 'patient' });
  });

  it('does not take a specialty label from the object prototype', () => {
    const p = principalFromClaims({
      role: 'professional',
      SubjectRefPro: {
        exercices: [{ codeProfession: 'constructor', codeSavoirFaire: 'toString' }],
      },
    });
    expect(p).toMatchObject({
      profession: { label: 'constructor' },
      specialty: { label: 'toString' },
    });
  });
});
