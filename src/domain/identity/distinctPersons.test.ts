import { describe, expect, it } from 'vitest';
import {
  areDistinctPersons,
  holdsSeveralPersons,
  sharesIdentifier,
  surelyAnotherPerson,
} from './distinctPersons';
import { matchPatients } from './matchPatients';
import { patient, type PatientSpec } from './testDatasets';

const INS_OID = '1.2.250.1.213.1.4.10';
const MARIE = '258037512345653';
const JEAN = '171115432101297';
const NANCY = '2.25.1';
const REIMS = '2.25.3';

const held = (...records: [string, PatientSpec][]) =>
  matchPatients(records.map(([sourceId, spec]) => ({ sourceId, dataset: patient(spec) })));

describe('distinct persons under one UID', () => {
  it.each<[string, [string, PatientSpec][], boolean]>([
    [
      'two INS at one source',
      [
        ['nancy', { id: MARIE, issuer: INS_OID }],
        ['nancy', { id: JEAN, issuer: INS_OID }],
      ],
      true,
    ],
    [
      'two local numbers at one source (the source files them apart)',
      [
        ['nancy', { id: 'P1', issuer: NANCY }],
        ['nancy', { id: 'P2', issuer: NANCY }],
      ],
      true,
    ],
    [
      'two different INS at two sources',
      [
        ['nancy', { id: MARIE, issuer: INS_OID }],
        ['reims', { id: JEAN, issuer: INS_OID }],
      ],
      true,
    ],
    [
      'the same INS at two sources',
      [
        ['nancy', { id: MARIE, issuer: INS_OID }],
        ['reims', { id: MARIE, issuer: INS_OID }],
      ],
      false,
    ],
    [
      'an INS at one source, a local number only at another (cannot tell: one exam)',
      [
        ['nancy', { id: MARIE, issuer: INS_OID }],
        ['reims', { id: 'R9', issuer: REIMS }],
      ],
      false,
    ],
    [
      'the INS as PatientID at one copy, as another id beside the local number at the other',
      [
        ['nancy', { id: MARIE, issuer: INS_OID }],
        ['nancy', { id: 'P1', issuer: NANCY, others: [{ id: MARIE, issuer: INS_OID }] }],
      ],
      false,
    ],
    [
      'a copy without any PatientID beside a named one (names nobody)',
      [
        ['nancy', { id: MARIE, issuer: INS_OID }],
        ['nancy', { name: 'ANONYME' }],
      ],
      false,
    ],
    [
      'a bare PatientID and an empty one at one source (the real test files)',
      [
        ['nancy', { id: '1234' }],
        ['nancy', {}],
      ],
      false,
    ],
  ])('%s → %s', (_, records, expected) => {
    expect(holdsSeveralPersons(held(...records))).toBe(expected);
  });

  it('never calls a cluster distinct from itself', () => {
    const [one] = held(['nancy', { id: MARIE, issuer: INS_OID }]);
    if (!one) throw new Error('no cluster');
    expect(areDistinctPersons(one, one)).toBe(false);
  });
});

describe('identifier comparisons', () => {
  const marie = [{ issuer: INS_OID, id: MARIE }];
  const jean = [{ issuer: INS_OID, id: JEAN }];
  const local = [{ issuer: NANCY, id: 'P1' }];

  it('share a pair only on issuer and id both, spaces aside', () => {
    expect(sharesIdentifier(marie, [{ issuer: ` ${INS_OID}`, id: `${MARIE} ` }])).toBe(true);
    expect(sharesIdentifier(marie, [{ issuer: '', id: MARIE }])).toBe(false);
  });

  it.each([
    [jean, marie, true],
    [marie, marie, false],
    [local, marie, false],
    [jean, local, false],
    [[...local, ...marie], marie, false],
  ])('surely another person: %j vs %j → %s', (identifiers, patientIds, expected) => {
    expect(surelyAnotherPerson(identifiers, patientIds)).toBe(expected);
  });
});
