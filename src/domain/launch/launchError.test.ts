// The wording for pages read without login: every message that quotes a received value has
// a twin that quotes none and still says which parameter is wrong and what is wrong with it.
import { describe, expect, it } from 'vitest';
import { parseContextualCall } from './contextualCall';
import { parseIidRequest } from './iid';
import { echo, invalidValue, type LaunchError } from './launchError';

const INS = '258037512345653';
const OID = '1.2.250.1.213.1.4.10';

const iidCases: [string, string, string[]][] = [
  ['an INS without issuer', `requestType=PATIENT&patientID=${INS}%5E%5E%5E`, [INS]],
  [
    'an INS with a local name only',
    `requestType=PATIENT&patientID=${encodeURIComponent(`${INS}^^^HOPITAL-DUBOIS`)}`,
    [INS, 'HOPITAL-DUBOIS'],
  ],
  [
    'an INS with an unknown authority type',
    `requestType=PATIENT&patientID=${encodeURIComponent(`${INS}^^^&${OID}&DNS`)}`,
    [INS, 'DNS'],
  ],
  [
    'an INS with a bad authority',
    `requestType=PATIENT&patientID=${encodeURIComponent(`${INS}^^^&9.DUBOIS&ISO`)}`,
    [INS, '9.DUBOIS'],
  ],
  [
    'an INS with a wildcard',
    `requestType=PATIENT&patientID=${encodeURIComponent(`${INS}?^^^&${OID}&ISO`)}`,
    [INS],
  ],
  [
    'a name and a birth date',
    `requestType=PATIENT&patientID=${encodeURIComponent(`${INS}^^^&${OID}&ISO`)}&patientName=${'DUBOIS'.repeat(40)}&patientBirthDate=19580231`,
    ['DUBOISDUBOIS', '19580231'],
  ],
  [
    'a study UID and an accession number',
    'requestType=STUDY&studyUID=1.2.DUBOIS&accessionNumber=ACC*DUBOIS',
    ['1.2.DUBOIS', 'ACC*DUBOIS'],
  ],
  [
    'a misspelled parameter beside a bad name',
    `requestType=STUDY&studyuid=1.2.3&patientBirthDate=19580231`,
    ['19580231', 'studyuid'],
  ],
  ['a request type', 'requestType=DUBOIS', ['DUBOIS']],
];

const contextualBase: Record<string, string> = {
  'Patient.identifier.value': INS,
  'Patient.identifier.system': `urn:oid:${OID}`,
  'Patient.name.family': 'DUBOIS',
  'Patient.name.given': 'Marie',
  'Patient.gender': 'female',
  'Patient.birthDate': '1958-03-14',
  InformationEtConsentement: 'true',
  PatientID: 'P000481',
  PatientIDIssuer: '2.25.300347615237841104557914315431063110001',
};

const contextualCases: [string, Record<string, string>, string[]][] = [
  [
    'an INS of the wrong shape',
    { 'Patient.identifier.value': '2580375123456XY' },
    ['2580375123456XY'],
  ],
  ['an INS with a wildcard', { 'Patient.identifier.value': `${INS}*` }, [INS]],
  ['a bad system', { 'Patient.identifier.system': 'urn:oid:1.2.DUBOIS' }, ['1.2.DUBOIS']],
  ['a bad birth date', { 'Patient.birthDate': '1958-02-31' }, ['1958-02-31']],
  ['a bad gender', { 'Patient.gender': 'DUBOIS' }, ['DUBOIS']],
  ['a bad consent', { InformationEtConsentement: 'DUBOIS' }, ['DUBOIS']],
  ['a local id with a wildcard', { PatientID: 'P000481*' }, ['P000481']],
  ['an issuer with a backslash', { PatientIDIssuer: 'ISS\\P000482' }, ['P000482']],
  [
    'bad list items',
    { StudyInstanceUID: '1.2.DUBOIS', AccessionNumber: 'A?4711', Modality: 'DUBOIS!' },
    ['1.2.DUBOIS', 'A?4711', 'DUBOIS!'],
  ],
];

function expectValueFree(errors: readonly LaunchError[], received: readonly string[]): void {
  expect(errors.length).toBeGreaterThan(0);
  // The case means something: the full message does quote what was received.
  const quoted = received.filter((v) => errors.some((e) => e.message.includes(echo(v))));
  expect(quoted.length).toBeGreaterThan(0);
  for (const e of errors) {
    for (const v of received) {
      expect(e.messageWithoutValue).not.toContain(v);
      expect(e.messageWithoutValue).not.toContain(echo(v));
    }
    // Still names what to fix, and who can.
    expect(e.messageWithoutValue).toMatch(/éditeur/);
  }
}

describe('messages without the received values', () => {
  it.each(iidCases)('IID link: %s', (_label, query, received) => {
    const result = parseIidRequest(new URLSearchParams(query));
    expect(result.ok).toBe(false);
    if (!result.ok) expectValueFree(result.errors, received);
  });

  it.each(contextualCases)('contextual call: %s', (_label, overrides, received) => {
    const result = parseContextualCall({ ...contextualBase, ...overrides });
    expect(result.ok).toBe(false);
    if (!result.ok) expectValueFree(result.errors, received);
  });

  it('keep the parameter and the expectation of a bad value', () => {
    const e = invalidValue('patientBirthDate', '19580231', 'attendu AAAAMMJJ', 'expected YYYYMMDD');
    expect(e.message).toContain('« 19580231 »');
    expect(e.messageWithoutValue).toBe(
      'La valeur du paramètre « patientBirthDate » n’est pas valide : attendu AAAAMMJJ. Le lien a été fabriqué par votre logiciel (DPI, RIS ou compte rendu) : signalez-le à son éditeur.',
    );
  });

  it('are the message itself where nothing received is quoted', () => {
    const result = parseIidRequest(new URLSearchParams('requestType=STUDY'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      for (const e of result.errors) expect(e.messageWithoutValue).toBe(e.message);
    }
  });
});
