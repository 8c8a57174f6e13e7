import { describe, expect, it } from 'vitest';
import { identifiersToQuery, parsePatientKeyValue } from './patientKeyValue';

const INS = { issuer: '1.2.250.1.213.1.4.10', id: '258037512345653' };
const NANCY = { issuer: '2.25.1', id: 'P000481' };

describe('parsePatientKeyValue', () => {
  it('keeps well-formed identifiers and the label', () => {
    expect(parsePatientKeyValue({ identifiers: [INS, NANCY], label: ' DUBOIS Marie ' })).toEqual({
      identifiers: [INS, NANCY],
      label: 'DUBOIS Marie',
    });
  });

  it.each([
    ['null', null],
    ['a string', 'P000481'],
    ['no identifiers', { identifiers: [] }],
    ['an identifier without id', { identifiers: [{ issuer: 'x', id: '  ' }] }],
    ['an identifier of the wrong type', { identifiers: [{ issuer: 1, id: 'x' }] }],
    ['too many identifiers', { identifiers: Array.from({ length: 17 }, () => INS) }],
  ])('refuses %s', (_, value) => {
    expect(parsePatientKeyValue(value)).toBeNull();
  });
});

describe('identifiersToQuery', () => {
  it('asks for the best INS only when there is one', () => {
    const nia = { issuer: '1.2.250.1.213.1.4.9', id: '1' };
    expect(identifiersToQuery([NANCY, nia, INS])).toEqual([INS]);
  });

  it('without INS, asks for every identifier that has an issuer, never a bare one', () => {
    const reims = { issuer: '2.25.3', id: 'P000123' };
    expect(identifiersToQuery([NANCY, { issuer: '', id: 'P000123' }, reims, NANCY])).toEqual([
      NANCY,
      reims,
    ]);
  });

  it('asks nothing for a patient known only by bare numbers', () => {
    expect(identifiersToQuery([{ issuer: '', id: 'P1' }])).toEqual([]);
  });
});
