import { describe, expect, it } from 'vitest';
import { bornText, identifierText, nameText, personFactsOf, personSummary } from './personText';
import { patient } from './testDatasets';

describe('person text', () => {
  it.each([
    [{ family: 'DUBOIS', given: 'MARIE' }, 'DUBOIS Marie'],
    [{ family: 'MARTIN', given: 'JEAN-PIERRE' }, 'MARTIN Jean-Pierre'],
    [{ family: 'N’GUYEN', given: 'ANNE MARIE' }, 'N’GUYEN Anne Marie'],
    [{ family: 'de La Tour', given: 'McKenzie' }, 'de La Tour McKenzie'],
    [{ family: 'ÉLÉONORE', given: 'ÉLODIE' }, 'ÉLÉONORE Élodie'],
    [{ family: 'DUBOIS', given: '' }, 'DUBOIS'],
    [{ family: '<script>alert(1)</script>', given: '' }, '<script>alert(1)</script>'],
  ])('names %j as %s', (name, expected) => {
    expect(nameText(name)).toBe(expected);
  });

  it.each([
    ['F', 'née le'],
    ['M', 'né le'],
    ['O', 'date de naissance :'],
    ['', 'date de naissance :'],
  ])('agrees « né » with sex %j', (sex, expected) => {
    expect(bornText(sex, 'fr')).toBe(expected);
  });

  it('sums a dataset up as the source gives it', () => {
    const facts = personFactsOf(
      patient({ name: 'DUBOIS^MARIE', birth: '19580314', sex: 'F', id: 'x' }),
    );
    expect(personSummary(facts, 'fr')).toBe('DUBOIS Marie, née le 14 mars 1958');
    expect(personSummary(facts, 'en')).toBe('DUBOIS Marie, born 14 March 1958');
    expect(personSummary(personFactsOf(patient({ name: 'MARTIN^JEAN' })), 'fr')).toBe(
      'MARTIN Jean',
    );
    expect(personSummary(personFactsOf(patient({ birth: '19711102' })), 'fr')).toBe(
      'date de naissance : 2 novembre 1971',
    );
  });
});

describe('identifier text', () => {
  it('shows the INS first, else the first local number, else nothing', () => {
    const local = { issuer: '2.25.1', id: 'P000481' };
    const ins = { issuer: '1.2.250.1.213.1.4.10', id: '258037512345653' };
    expect(identifierText([local, ins], 'fr')).toBe('INS 258037512345653');
    expect(identifierText([local], 'fr')).toBe('identifiant P000481');
    expect(identifierText([], 'fr')).toBe('');
  });
});
