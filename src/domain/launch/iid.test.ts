import { describe, expect, it } from 'vitest';
import {
  parseIidRequest,
  type IidParseResult,
  type PatientRequest,
  type StudyRequest,
} from './iid';
import type { LaunchError } from './launchError';

const TEST_OID = '1.2.250.1.213.1.4.10';
const INS = '258037512345653';
const CX = `${INS}^^^&${TEST_OID}&ISO`;
const CX_IN_URL = `${INS}%5E%5E%5E%26${TEST_OID}%26ISO`;
const UID_A = '1.2.250.1.59.40211.22756022.2.1.101';
const UID_B = '1.2.250.1.59.40211.22756022.2.1.102';

/** Parses a query string exactly as the browser or the gateway would hand it over. */
function parse(query: string): IidParseResult {
  return parseIidRequest(new URLSearchParams(query));
}

function study(query: string): StudyRequest & { ignored: string[] } {
  const result = parse(query);
  if (!result.ok) throw new Error(result.errors.map((e) => e.messageEn).join('\n'));
  if (result.request.kind !== 'STUDY') throw new Error('expected STUDY');
  return { ...result.request, ignored: result.ignored };
}

function patient(query: string): PatientRequest {
  const result = parse(query);
  if (!result.ok) throw new Error(result.errors.map((e) => e.messageEn).join('\n'));
  if (result.request.kind !== 'PATIENT') throw new Error('expected PATIENT');
  return result.request;
}

function errors(query: string): LaunchError[] {
  const result = parse(query);
  if (result.ok) throw new Error(`expected errors for ${query}`);
  return result.errors;
}

function only(query: string): LaunchError {
  const all = errors(query);
  expect(all).toHaveLength(1);
  return all[0] as LaunchError;
}

describe('IHE and French example links', () => {
  it('opens the IHE study-based example', () => {
    const result = parse(
      'requestType=STUDY&studyUID=1.2.840.113883.19.110.4,1.2.840.113883.19.110.5&viewerType=IHE_BIR&diagnosticQuality=true',
    );
    expect(result).toEqual({
      ok: true,
      request: {
        kind: 'STUDY',
        studyUids: ['1.2.840.113883.19.110.4', '1.2.840.113883.19.110.5'],
        accessionNumbers: [],
        hints: { viewerType: 'IHE_BIR', diagnosticQuality: true },
      },
      ignored: [],
      warnings: [],
    });
  });

  it('refuses the IHE patient-based example: its issuer is a bare namespace, not an OID', () => {
    const error = only('requestType=PATIENT&patientID=99998410^^^AcmeHospital&mostRecentResults=1');
    expect(error).toMatchObject({ code: 'missing_issuer', parameter: 'patientID' });
  });

  it('opens the same patient-based request once the issuer is an OID, percent-encoded', () => {
    expect(patient(`requestType=PATIENT&patientID=${CX_IN_URL}&mostRecentResults=1`)).toEqual({
      kind: 'PATIENT',
      patient: { id: INS, issuer: TEST_OID },
      mostRecentResults: 1,
      hints: {},
    });
  });

  it('reads the date bounds of the Weasis IID examples', () => {
    const request = patient(
      `requestType=PATIENT&patientID=${CX_IN_URL}&lowerDateTime=2010-01-01T12:00:00Z&upperDateTime=2011-01-01T12:00:00Z`,
    );
    expect(request.lowerDateTime).toMatchObject({ year: 2010, hour: 12, offsetMinutes: 0 });
    expect(request.upperDateTime).toMatchObject({ year: 2011 });
  });

  it('opens the French CDA report link (Accessionnumber, idCDA)', () => {
    const request = study(
      `requestType=STUDY&studyUID=${UID_A}&Accessionnumber=IMG20240301-0042&idCDA=1.2.250.1.999.1.2.3`,
    );
    expect(request).toEqual({
      kind: 'STUDY',
      studyUids: [UID_A],
      accessionNumbers: ['IMG20240301-0042'],
      hints: {},
      ignored: ['idCDA'],
    });
  });

  it('takes already-decoded pairs', () => {
    const result = parseIidRequest([
      ['requestType', 'PATIENT'],
      ['patientID', CX],
    ]);
    expect(result).toMatchObject({ ok: true, request: { patient: { id: INS, issuer: TEST_OID } } });
  });

  it('takes a parsed query object too (as the gateway gets it)', () => {
    const result = parseIidRequest({ requestType: 'STUDY', studyUID: UID_A, idCDA: ['x', 'y'] });
    expect(result).toMatchObject({ ok: true, request: { studyUids: [UID_A] }, ignored: ['idCDA'] });
  });
});

describe('requestType', () => {
  it('is required', () => {
    expect(only(`studyUID=${UID_A}`)).toMatchObject({
      code: 'missing_parameter',
      parameter: 'requestType',
    });
    expect(only(`requestType=&studyUID=${UID_A}`).code).toBe('missing_parameter');
  });

  it('is read case-insensitively and trimmed', () => {
    expect(study(`requestType=study&studyUID=${UID_A}`).kind).toBe('STUDY');
    expect(patient(`requestType=%20Patient%20&patientID=${CX_IN_URL}`).kind).toBe('PATIENT');
  });

  it.each(['SERIES', 'STUDYBASE64', 'IMAGE', '<script>alert(1)</script>'])(
    'refuses unknown type %s',
    (type) => {
      const error = only(`requestType=${encodeURIComponent(type)}&studyUID=${UID_A}`);
      expect(error).toMatchObject({ code: 'unknown_request_type', parameter: 'requestType' });
      expect(error.message).toContain(type);
    },
  );

  it('refuses a repeated requestType even with identical values', () => {
    expect(only(`requestType=STUDY&requestType=STUDY&studyUID=${UID_A}`)).toMatchObject({
      code: 'ambiguous_parameter',
      parameter: 'requestType',
    });
  });
});

describe('parameter names', () => {
  it('are case-sensitive: a mis-cased name is ignored, and the missing message says why', () => {
    const error = only(`requestType=STUDY&studyuid=${UID_A}`);
    expect(error).toMatchObject({ code: 'missing_parameter', parameter: 'studyUID' });
    expect(error.message).toContain('majuscules');
    expect(error.messageEn).toContain('case-sensitive');
  });

  it('name the mis-cased accession number too when a study reference is missing', () => {
    const error = only('requestType=STUDY&accessionnumber=A1');
    expect(error.message).toContain('« accessionNumber »');
  });

  it('still succeed around a mis-cased optional name, with a warning', () => {
    const result = parse(`requestType=STUDY&studyUID=${UID_A}&viewertype=IHE_BIR`);
    expect(result).toMatchObject({
      ok: true,
      request: { hints: {} },
      ignored: ['viewertype'],
      warnings: [{ code: 'misspelled_parameter', parameter: 'viewerType' }],
    });
  });

  it('accept both accession spellings', () => {
    expect(study('requestType=STUDY&accessionNumber=A1').accessionNumbers).toEqual(['A1']);
    expect(study('requestType=STUDY&Accessionnumber=A1').accessionNumbers).toEqual(['A1']);
  });

  it('treat both accession spellings at once as ambiguous, even when equal', () => {
    const error = only('requestType=STUDY&accessionNumber=A1&Accessionnumber=A1');
    expect(error).toMatchObject({ code: 'ambiguous_parameter', parameter: 'accessionNumber' });
    expect(error.message).toContain('accessionNumber / Accessionnumber');
  });

  it('do not accept other spellings of the accession number', () => {
    const result = parse('requestType=STUDY&AccessionNumber=A1&studyUID=' + UID_A);
    expect(result).toMatchObject({ ok: true, request: { accessionNumbers: [] } });
  });

  it.each(['studyUID', 'patientID', 'viewerType', 'keyImagesOnly'])(
    'refuse a repeated %s',
    (name) => {
      const value = name === 'patientID' ? CX_IN_URL : name === 'studyUID' ? UID_A : 'true';
      const all = errors(`requestType=STUDY&studyUID=${UID_A}&${name}=${value}&${name}=${value}`);
      expect(all.some((e) => e.code === 'ambiguous_parameter' && e.parameter === name)).toBe(true);
    },
  );

  it('list unknown names without interpreting them, capped and truncated', () => {
    const many = Array.from({ length: 30 }, (_, i) => `p${i}=1`).join('&');
    const long = 'n'.repeat(100);
    const result = parse(`requestType=STUDY&studyUID=${UID_A}&${long}=1&${many}`);
    if (!result.ok) throw new Error('expected ok');
    expect(result.ignored).toHaveLength(20);
    expect(result.ignored[0]).toBe(`${'n'.repeat(39)}…`);
  });

  it('ignore Object.prototype names', () => {
    const result = parse(
      `requestType=STUDY&studyUID=${UID_A}&__proto__=x&constructor=y&toString=z`,
    );
    expect(result).toMatchObject({ ok: true, ignored: ['__proto__', 'constructor', 'toString'] });
  });
});

describe('STUDY: studyUID and accessionNumber', () => {
  it('needs at least one of them', () => {
    const error = only('requestType=STUDY');
    expect(error).toMatchObject({ code: 'missing_parameter', parameter: 'studyUID' });
    expect(error.message).toContain('accessionNumber');
    expect(only('requestType=STUDY&studyUID=&accessionNumber=').code).toBe('missing_parameter');
  });

  it('accepts either alone, or both together', () => {
    expect(study(`requestType=STUDY&studyUID=${UID_A}`).accessionNumbers).toEqual([]);
    expect(study('requestType=STUDY&accessionNumber=A1').studyUids).toEqual([]);
    expect(study(`requestType=STUDY&studyUID=${UID_A}&accessionNumber=A1`)).toMatchObject({
      studyUids: [UID_A],
      accessionNumbers: ['A1'],
    });
  });

  it('trims spaces and drops duplicates in lists', () => {
    const request = study(
      `requestType=STUDY&studyUID=${encodeURIComponent(` ${UID_A} , ${UID_B},${UID_A}`)}&accessionNumber=A1,+A2+,A1`,
    );
    expect(request.studyUids).toEqual([UID_A, UID_B]);
    expect(request.accessionNumbers).toEqual(['A1', 'A2']);
  });

  it.each([`${UID_A},,${UID_B}`, `${UID_A},`, `,${UID_A}`, ','])(
    'refuses empty items: %s',
    (list) => {
      expect(only(`requestType=STUDY&studyUID=${list}`)).toMatchObject({
        code: 'invalid_parameter',
        parameter: 'studyUID',
      });
    },
  );

  it('refuses more than 50 values', () => {
    const uids = Array.from({ length: 51 }, (_, i) => `1.2.3.${i}`).join(',');
    expect(only(`requestType=STUDY&studyUID=${uids}`)).toMatchObject({
      code: 'too_many_values',
      parameter: 'studyUID',
    });
    const accessions = Array.from({ length: 51 }, (_, i) => `A${i}`).join(',');
    expect(only(`requestType=STUDY&Accessionnumber=${accessions}`).code).toBe('too_many_values');
    expect(
      study(`requestType=STUDY&studyUID=${uids.split(',').slice(1).join(',')}`).studyUids,
    ).toHaveLength(50);
  });

  it.each([
    ['1.2.a.4', 'letters'],
    ['1..2', 'empty arc'],
    ['.1.2', 'leading dot'],
    ['1.2.', 'trailing dot'],
    [`1.${'2'.repeat(63)}`, 'over 64 characters'],
    ['1.2.3;1.2.4', 'semicolon list (OHIF style)'],
    ['<script>alert(1)</script>', 'markup'],
  ])('refuses study UID %s (%s)', (uid) => {
    const error = only(`requestType=STUDY&studyUID=${encodeURIComponent(uid)}`);
    expect(error).toMatchObject({ code: 'invalid_parameter', parameter: 'studyUID' });
  });

  it('accepts a UID of exactly 64 characters', () => {
    const uid = `1.${'2'.repeat(62)}`;
    expect(study(`requestType=STUDY&studyUID=${uid}`).studyUids).toEqual([uid]);
  });

  it.each([
    ['*', 'wildcard'],
    ['A?1', 'wildcard'],
    ['A\\B', 'backslash'],
    ['A'.repeat(65), 'over 64 characters'],
  ])('refuses accession number %s (%s)', (accession) => {
    expect(
      only(`requestType=STUDY&accessionNumber=${encodeURIComponent(accession)}`),
    ).toMatchObject({
      code: 'invalid_parameter',
      parameter: 'accessionNumber',
    });
  });

  it.each([
    [`${UID_A},1.2.*`, 'a wildcard element'],
    [`${UID_A},1.2\\3`, 'a backslash element'],
  ])('refuses a study UID list with %j (%s), naming the bad element', (list) => {
    expect(only(`requestType=STUDY&studyUID=${encodeURIComponent(list)}`)).toMatchObject({
      code: 'invalid_parameter',
      parameter: 'studyUID',
    });
  });

  it.each([
    ['A1,*', 'wildcard'],
    ['A1,B?', 'wildcard'],
    ['A1,B\\C', 'backslash'],
    ['A1%2CA2', 'a comma encoded twice, still a list once decoded again'],
    ['A1%2a', 'a wildcard encoded twice'],
  ])('refuses an accession list %j whose element is not one exact value (%s)', (list) => {
    expect(only(`requestType=STUDY&accessionNumber=${encodeURIComponent(list)}`)).toMatchObject({
      code: 'invalid_parameter',
      parameter: 'accessionNumber',
    });
  });

  it('keeps several exams of one list as separate single values', () => {
    expect(study('requestType=STUDY&accessionNumber=A1, A2').accessionNumbers).toEqual([
      'A1',
      'A2',
    ]);
  });

  it('keeps markup in an accession number as plain text (it is only an exact-match key)', () => {
    expect(study('requestType=STUDY&accessionNumber=%3Cb%3E1%3C%2Fb%3E').accessionNumbers).toEqual([
      '<b>1</b>',
    ]);
  });

  it('reports every bad item and every bad parameter at once', () => {
    const all = errors(
      'requestType=STUDY&studyUID=x,1.2,y&accessionNumber=*&diagnosticQuality=yes',
    );
    expect(all.map((e) => e.parameter)).toEqual([
      'diagnosticQuality',
      'studyUID',
      'studyUID',
      'accessionNumber',
    ]);
  });
});

describe('STUDY: optional patient cross-check', () => {
  it('keeps a patientID with an OID issuer', () => {
    expect(study(`requestType=STUDY&studyUID=${UID_A}&patientID=${CX_IN_URL}`).patient).toEqual({
      id: INS,
      issuer: TEST_OID,
    });
  });

  it('drops a patientID without issuer, with a warning, and still opens the study', () => {
    const result = parse(`requestType=STUDY&studyUID=${UID_A}&patientID=12345`);
    expect(result).toMatchObject({
      ok: true,
      request: { studyUids: [UID_A] },
      warnings: [{ code: 'issuer_missing_ignored', parameter: 'patientID' }],
    });
    expect(result.ok && result.request.kind === 'STUDY' && result.request.patient).toBeUndefined();
  });

  it('drops a patientID cut by unencoded & the same way', () => {
    const result = parse(`requestType=STUDY&studyUID=${UID_A}&patientID=1^^^&${TEST_OID}&ISO`);
    expect(result).toMatchObject({
      ok: true,
      ignored: [TEST_OID, 'ISO'],
      warnings: [{ code: 'issuer_missing_ignored' }],
    });
  });

  it('refuses a malformed patientID', () => {
    expect(
      only(`requestType=STUDY&studyUID=${UID_A}&patientID=*%5E%5E%5E%26${TEST_OID}%26ISO`).code,
    ).toBe('malformed_cx');
  });

  it('lists patient-only parameters as ignored', () => {
    const result = parse(
      `requestType=STUDY&studyUID=${UID_A}&mostRecentResults=3&lowerDateTime=junk`,
    );
    expect(result).toMatchObject({
      ok: true,
      ignored: ['lowerDateTime', 'mostRecentResults'],
      warnings: [{ code: 'not_applicable' }, { code: 'not_applicable' }],
    });
  });

  it('reads patientName and patientBirthDate for cross-checking', () => {
    expect(
      study(
        `requestType=STUDY&studyUID=${UID_A}&patientName=DUBOIS%5EMARIE&patientBirthDate=19580314`,
      ),
    ).toMatchObject({ patientName: 'DUBOIS^MARIE', patientBirthDate: '19580314' });
  });
});

describe('PATIENT: patientID', () => {
  it('is required', () => {
    expect(only('requestType=PATIENT')).toMatchObject({
      code: 'missing_parameter',
      parameter: 'patientID',
    });
    expect(only('requestType=PATIENT&patientID=').code).toBe('missing_parameter');
  });

  it('names exactly one patient: a comma-separated list of IDs is refused in French', () => {
    const list = encodeURIComponent(`${INS},171115432101297^^^&${TEST_OID}&ISO`);
    const error = only(`requestType=PATIENT&patientID=${list}`);
    expect(error).toMatchObject({ code: 'several_patients', parameter: 'patientID' });
    expect(error.message).toMatch(/virgule.*un seul/);
  });

  it('refuses a list of patients in a STUDY link too, where patientID is only a cross-check', () => {
    const list = encodeURIComponent(`${INS},171115432101297^^^&${TEST_OID}&ISO`);
    expect(only(`requestType=STUDY&studyUID=${UID_A}&patientID=${list}`)).toMatchObject({
      code: 'several_patients',
    });
  });

  it('needs an issuer', () => {
    expect(only('requestType=PATIENT&patientID=258037512345653').code).toBe('missing_issuer');
  });

  it('reads escaped characters', () => {
    expect(
      patient(`requestType=PATIENT&patientID=${encodeURIComponent(`A\\S\\B^^^&${TEST_OID}&ISO`)}`)
        .patient.id,
    ).toBe('A^B');
  });

  it('reads the literal, unencoded ^ form browsers send as typed', () => {
    expect(
      patient(`requestType=PATIENT&patientID=${INS}^^^%26${TEST_OID}%26ISO`).patient.issuer,
    ).toBe(TEST_OID);
  });

  it('tolerates a double-encoded CX, with a warning', () => {
    const result = parse(
      `requestType=PATIENT&patientID=${INS}%255E%255E%255E%2526${TEST_OID}%2526ISO`,
    );
    expect(result).toMatchObject({
      ok: true,
      request: { patient: { id: INS, issuer: TEST_OID } },
      warnings: [{ code: 'double_encoded' }],
    });
  });

  it('explains a CX whose & were left unencoded in the URL', () => {
    const error = only(`requestType=PATIENT&patientID=${INS}^^^&${TEST_OID}&ISO`);
    expect(error).toMatchObject({ code: 'malformed_cx', parameter: 'patientID' });
    expect(error.message).toContain('%26');
  });

  it('lists study-only parameters as ignored', () => {
    const result = parse(`requestType=PATIENT&patientID=${CX_IN_URL}&studyUID=${UID_A}`);
    expect(result).toMatchObject({ ok: true, ignored: ['studyUID'] });
  });
});

describe('PATIENT: patientBirthDate and patientName', () => {
  const base = `requestType=PATIENT&patientID=${CX_IN_URL}`;

  it('reads a valid birth date', () => {
    expect(patient(`${base}&patientBirthDate=20000229`).patientBirthDate).toBe('20000229');
  });

  it.each(['20260230', '20261301', '1958-03-14', '580314', 'hier'])(
    'refuses birth date %s',
    (date) => {
      expect(only(`${base}&patientBirthDate=${date}`)).toMatchObject({
        code: 'invalid_parameter',
        parameter: 'patientBirthDate',
      });
    },
  );

  it('keeps a name with markup verbatim', () => {
    const name = '<script>alert("x")</script>^Marie';
    expect(patient(`${base}&patientName=${encodeURIComponent(name)}`).patientName).toBe(name);
  });

  it('refuses an implausibly long name and control characters', () => {
    expect(only(`${base}&patientName=${'A'.repeat(201)}`).parameter).toBe('patientName');
    expect(only(`${base}&patientName=A%00B`).code).toBe('invalid_parameter');
  });
});

describe('PATIENT: date bounds', () => {
  const base = `requestType=PATIENT&patientID=${CX_IN_URL}`;

  it('reads bounds with and without timezone or fractional seconds', () => {
    const request = patient(
      `${base}&lowerDateTime=2024-01-01T00:00:00.250&upperDateTime=${encodeURIComponent('2024-06-30T23:59:59+02:00')}`,
    );
    expect(request.lowerDateTime).toMatchObject({ millisecond: 250, offsetMinutes: null });
    expect(request.upperDateTime).toMatchObject({ offsetMinutes: 120 });
  });

  it('refuses a + sent unencoded (URL decoding turns it into a space)', () => {
    expect(only(`${base}&lowerDateTime=2024-01-01T00:00:00+02:00`).parameter).toBe('lowerDateTime');
  });

  it.each([
    '2026-02-30T00:00:00',
    '2026-13-01T00:00:00',
    '2024-01-01T25:00:00',
    '01/02/2024',
    'yesterday',
  ])('refuses %s', (value) => {
    expect(only(`${base}&lowerDateTime=${value}`)).toMatchObject({
      code: 'invalid_parameter',
      parameter: 'lowerDateTime',
    });
    expect(only(`${base}&upperDateTime=${value}`).parameter).toBe('upperDateTime');
  });

  it('refuses lower after upper', () => {
    const error = only(
      `${base}&lowerDateTime=2024-02-01T00:00:00Z&upperDateTime=2024-01-01T00:00:00Z`,
    );
    expect(error).toMatchObject({ code: 'invalid_parameter', parameter: 'lowerDateTime' });
    expect(error.message).toContain('inversée');
  });

  it('accepts equal bounds and single bounds', () => {
    expect(
      patient(`${base}&lowerDateTime=2024-01-01T00:00:00Z&upperDateTime=2024-01-01T00:00:00Z`).kind,
    ).toBe('PATIENT');
    expect(patient(`${base}&upperDateTime=2024-01-01`).upperDateTime).toMatchObject({
      hasTime: false,
    });
  });
});

describe('PATIENT: mostRecentResults', () => {
  const base = `requestType=PATIENT&patientID=${CX_IN_URL}`;

  it.each([
    ['1', 1],
    ['1000', 1000],
    ['007', 7],
  ])('reads %s', (value, count) => {
    expect(patient(`${base}&mostRecentResults=${value}`).mostRecentResults).toBe(count);
  });

  it.each(['0', '1001', '-1', '+3', '2.5', '1e3', 'deux', '99999'])('refuses %s', (value) => {
    expect(only(`${base}&mostRecentResults=${encodeURIComponent(value)}`)).toMatchObject({
      code: 'invalid_parameter',
      parameter: 'mostRecentResults',
    });
  });
});

describe('PATIENT: modalitiesInStudy', () => {
  const base = `requestType=PATIENT&patientID=${CX_IN_URL}`;

  it('reads a list, upper-cased, trimmed and deduplicated', () => {
    expect(patient(`${base}&modalitiesInStudy=CT,+mr,CT,XA`).modalitiesInStudy).toEqual([
      'CT',
      'MR',
      'XA',
    ]);
  });

  it('reads a list whose duplicates differ only in case', () => {
    expect(patient(`${base}&modalitiesInStudy=ct,CT`).modalitiesInStudy).toEqual(['CT']);
  });

  it.each(['C', 'C-T', 'CT,,MR', 'ABCDEFGHIJKLMNOPQ', '*', '<b>'])('refuses %s', (value) => {
    const all = errors(`${base}&modalitiesInStudy=${encodeURIComponent(value)}`);
    expect(all.every((e) => e.parameter === 'modalitiesInStudy')).toBe(true);
  });
});

describe('hints', () => {
  const base = `requestType=STUDY&studyUID=${UID_A}`;

  it('reads viewerType and the two booleans', () => {
    expect(
      study(`${base}&viewerType=IHE_BIR&diagnosticQuality=false&keyImagesOnly=TRUE`).hints,
    ).toEqual({
      viewerType: 'IHE_BIR',
      diagnosticQuality: false,
      keyImagesOnly: true,
    });
  });

  it('keeps a vendor viewerType', () => {
    expect(study(`${base}&viewerType=acme.viewer-2`).hints.viewerType).toBe('acme.viewer-2');
  });

  it.each(['1', 'yes', 'oui', 'vrai'])('refuses boolean %s', (value) => {
    expect(only(`${base}&keyImagesOnly=${value}`)).toMatchObject({
      code: 'invalid_parameter',
      parameter: 'keyImagesOnly',
    });
    expect(only(`${base}&diagnosticQuality=${value}`).parameter).toBe('diagnosticQuality');
  });

  it('refuses a viewerType with markup', () => {
    expect(only(`${base}&viewerType=%3Cscript%3E`).parameter).toBe('viewerType');
  });
});

describe('hostile values', () => {
  it('trims a trailing line break (copy-paste) like any blank', () => {
    expect(study(`requestType=STUDY&studyUID=${UID_A}%0D%0A`).studyUids).toEqual([UID_A]);
  });

  it('refuses control characters in any known parameter', () => {
    expect(only(`requestType=STUDY&studyUID=1.2%0A.3`).code).toBe('invalid_parameter');
    expect(only(`requestType=STUDY&studyUID=${UID_A}&patientName=A%1BB`).parameter).toBe(
      'patientName',
    );
    expect(only(`requestType=STUDY%00&studyUID=${UID_A}`).parameter).toBe('requestType');
  });

  it('refuses a megabyte value without splitting it', () => {
    const huge = '1.2,'.repeat(250_000);
    expect(only(`requestType=STUDY&studyUID=${huge}`)).toMatchObject({
      code: 'invalid_parameter',
      parameter: 'studyUID',
    });
  });

  it('never echoes more than 40 characters of a value', () => {
    const error = only(`requestType=STUDY&studyUID=${UID_A}&viewerType=${'<'.repeat(500)}`);
    expect(error.message).toContain(`« ${'<'.repeat(39)}… »`);
    expect(error.message).not.toContain('<'.repeat(40));
  });

  it('replaces direction overrides in echoed values', () => {
    const error = only(`requestType=${encodeURIComponent('STU\u202EDY')}&studyUID=${UID_A}`);
    expect(error.message).toContain('STU\ufffdDY');
  });
});

describe('compare (our extension, STUDY only)', () => {
  it('reads compare=auto as a hint, in any case', () => {
    for (const value of ['auto', 'AUTO', ' Auto ']) {
      const result = parse(
        `requestType=STUDY&studyUID=${UID_A}&keyImagesOnly=false&compare=${value}`,
      );
      expect(result).toEqual({
        ok: true,
        request: {
          kind: 'STUDY',
          studyUids: [UID_A],
          accessionNumbers: [],
          hints: { keyImagesOnly: false, compare: 'auto' },
        },
        ignored: [],
        warnings: [],
      });
    }
  });

  it('leaves the hint out when the link does not ask, or asks with a blank value', () => {
    expect(study(`requestType=STUDY&studyUID=${UID_A}`).hints).toEqual({});
    expect(study(`requestType=STUDY&studyUID=${UID_A}&compare=`).hints).toEqual({});
  });

  it.each([
    ['another value', 'compare=manual'],
    ['a boolean', 'compare=true'],
    ['the parameter twice', 'compare=auto&compare=auto'],
    ['a corrupted value', 'compare=auto%00'],
  ])('ignores %s with a warning: the study still opens, without comparison', (_, param) => {
    const result = parse(`requestType=STUDY&studyUID=${UID_A}&${param}`);
    expect(result).toMatchObject({
      ok: true,
      request: { kind: 'STUDY', studyUids: [UID_A], hints: {} },
      warnings: [{ code: 'ignored_value', parameter: 'compare' }],
    });
    if (result.ok) expect(result.request.hints).not.toHaveProperty('compare');
  });

  it('quotes an unknown value only as safe text', () => {
    const result = parse(`requestType=STUDY&studyUID=${UID_A}&compare=%E2%80%AEevil`);
    expect(result.ok && result.warnings[0]?.messageEn).toContain('"\ufffdevil"');
  });

  it('is a STUDY parameter: a PATIENT link lists it as ignored', () => {
    const result = parse(`requestType=PATIENT&patientID=${CX_IN_URL}&compare=auto`);
    expect(result).toMatchObject({
      ok: true,
      request: { kind: 'PATIENT', hints: {} },
      ignored: ['compare'],
      warnings: [{ code: 'not_applicable', parameter: 'compare' }],
    });
  });

  it('is case-sensitive in its name like every IID parameter', () => {
    const result = parse(`requestType=STUDY&studyUID=${UID_A}&Compare=auto`);
    expect(result).toMatchObject({
      ok: true,
      request: { hints: {} },
      ignored: ['Compare'],
      warnings: [{ code: 'misspelled_parameter', parameter: 'compare' }],
    });
  });
});
