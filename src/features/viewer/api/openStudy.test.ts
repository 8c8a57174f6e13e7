import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicSource } from '../../../domain/publicConfig';
import { setAccessToken } from '../../../lib/api/accessToken';
import { rememberStudyAhead } from '../../../lib/api/studyAhead';
import { openStudy, OpenStudyError } from './openStudy';

const source = (id: string): PublicSource => ({
  id,
  label: id,
  kind: id === 'archive' ? 'regional' : 'drimbox',
  timeoutMs: 5000,
  qido: {
    issuerOfPatientId: true,
    modalitiesInStudy: true,
    studyDateRange: true,
    bodyPartAtStudyLevel: false,
    maxResults: 100,
  },
});
const SOURCES = [source('a'), source('b'), source('archive')];
const UID = '1.2.3';

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const seriesItem = (uid: string, modality: string, number: number) => ({
  '0020000E': { vr: 'UI', Value: [uid] },
  '00080060': { vr: 'CS', Value: [modality] },
  '00200011': { vr: 'IS', Value: [number] },
  '00201209': { vr: 'IS', Value: [10] },
});

/** Answers the key lookup with `keyValue`, and each source's series query from `bySource`. */
function stubFetch(keyValue: unknown, bySource: Record<string, () => Response>) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', (url: string) => {
    calls.push(url);
    if (url.startsWith('/api/keys/'))
      return Promise.resolve(json(200, { kind: 'study', value: keyValue }));
    const id = /^\/dicomweb\/([^/]+)\//.exec(url)?.[1] ?? '';
    const answer = bySource[id];
    return Promise.resolve(answer ? answer() : json(404, {}));
  });
  return calls;
}

beforeEach(() => setAccessToken('t'));
afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
});

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OpenStudyError) return error.failure;
    throw error;
  }
  throw new Error('expected a failure');
}

const INS_OID = '1.2.250.1.213.1.4.10';
const MARIE = { issuer: INS_OID, id: '258037512345653' };
const JEAN = { issuer: INS_OID, id: '171115432101297' };
/** A dataset's patient fields, as a source names that person. */
const of = (who: { issuer: string; id: string }, name: string) => ({
  '00100020': { vr: 'LO', Value: [who.id] },
  '00100021': { vr: 'LO', Value: [who.issuer] },
  '00100010': { vr: 'PN', Value: [{ Alphabetic: name }] },
});

describe('openStudy', () => {
  it('takes the series from the first of the key’s sources that answers', async () => {
    const calls = stubFetch(
      { studyInstanceUID: UID, sourceIds: ['a', 'b'] },
      {
        a: () => json(502, { error: { code: 'upstream_unreachable', message: 'x' } }),
        b: () =>
          json(
            200,
            [seriesItem('9.1', 'CT', 2), seriesItem('9.2', 'SR', 3)],
            'application/dicom+json',
          ),
      },
    );
    const opened = await openStudy({ key: 'k', sources: SOURCES });
    expect(opened.source.id).toBe('b');
    expect(opened.series.map((s) => [s.seriesInstanceUID, s.modality, s.seriesNumber])).toEqual([
      ['9.1', 'CT', 2],
      ['9.2', 'SR', 3],
    ]);
    expect(calls.some((c) => c.startsWith('/dicomweb/archive/'))).toBe(false);
  });

  it('asks every source when the key names none', async () => {
    stubFetch(
      { studyInstanceUID: UID, sourceIds: [] },
      { archive: () => json(200, [seriesItem('9.1', 'MR', 1)], 'application/dicom+json') },
    );
    expect((await openStudy({ key: 'k', sources: SOURCES })).source.id).toBe('archive');
  });

  it('says why it cannot open: missing study, consent, outage, bad key', async () => {
    stubFetch({ studyInstanceUID: UID, sourceIds: ['a'] }, { a: () => json(200, []) });
    expect(await failureOf(openStudy({ key: 'k', sources: SOURCES }))).toEqual({
      kind: 'notFound',
    });

    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'forbidden',
          details: {
            coding: [{ system: 'urn:drim-viewer:error', code: 'consent_required' }],
            text: '…',
          },
        },
      ],
    };
    stubFetch(
      { studyInstanceUID: UID, sourceIds: ['a', 'archive'] },
      {
        a: () => json(504, { error: { code: 'upstream_timeout', message: 'x' } }),
        archive: () => json(403, outcome, 'application/fhir+json'),
      },
    );
    expect(await failureOf(openStudy({ key: 'k', sources: SOURCES }))).toEqual({
      kind: 'consentRequired',
    });

    stubFetch(
      { studyInstanceUID: UID, sourceIds: ['a'] },
      { a: () => json(504, { error: { code: 'upstream_timeout', message: 'x' } }) },
    );
    expect(await failureOf(openStudy({ key: 'k', sources: SOURCES }))).toEqual({
      kind: 'sourcesDown',
      reason: 'timeout',
    });

    stubFetch({ studyInstanceUID: '<script>', sourceIds: ['a'] }, {});
    expect(await failureOf(openStudy({ key: 'k', sources: SOURCES }))).toEqual({
      kind: 'badKey',
    });
  });

  describe('one UID, several persons at the source', () => {
    const mixed = () =>
      json(
        200,
        [
          { ...seriesItem('9.1', 'US', 1), ...of(MARIE, 'DUBOIS^MARIE') },
          { ...seriesItem('9.9', 'CT', 90), ...of(JEAN, 'MARTIN^JEAN') },
        ],
        'application/dicom+json',
      );

    it('asks the series with their patient’s attributes', async () => {
      const calls = stubFetch({ studyInstanceUID: UID, sourceIds: ['a'] }, { a: mixed });
      await openStudy({ key: 'k', sources: SOURCES });
      const asked = decodeURIComponent(calls.find((c) => c.startsWith('/dicomweb/a/')) ?? '');
      expect(asked).toContain('includefield=00100010,00100020,00100021,00100030,00101002');
    });

    it('opened for her: her series only, the others counted, him never named', async () => {
      stubFetch(
        { studyInstanceUID: UID, sourceIds: ['a'], patient: { identifiers: [MARIE] } },
        { a: mixed },
      );
      const opened = await openStudy({ key: 'k', sources: SOURCES });
      expect(opened.series.map((s) => s.seriesInstanceUID)).toEqual(['9.1']);
      expect(opened.patient).toEqual([MARIE]);
      expect(opened.setAside).toEqual({
        count: 1,
        shown: { name: { family: 'DUBOIS', given: 'MARIE' }, birthDate: null, sex: '' },
      });
      expect(JSON.stringify(opened)).not.toContain('MARTIN');
    });

    it('opened for nobody: no series until a patient is chosen', async () => {
      stubFetch({ studyInstanceUID: UID, sourceIds: ['a'] }, { a: mixed });
      const opened = await openStudy({ key: 'k', sources: SOURCES });
      expect(opened.series).toEqual([]);
      expect(
        opened.choice?.map((c) => [c.identifiers, c.facts.name?.family, c.seriesCount]),
      ).toEqual([
        [[MARIE], 'DUBOIS', 1],
        [[JEAN], 'MARTIN', 1],
      ]);
    });

    it('a patient user gets their own series, never a choice, whatever the key says', async () => {
      stubFetch({ studyInstanceUID: UID, sourceIds: ['a'] }, { a: mixed });
      const opened = await openStudy({ key: 'k', sources: SOURCES, self: MARIE });
      expect(opened.choice).toBeUndefined();
      expect(opened.series.map((s) => s.seriesInstanceUID)).toEqual(['9.1']);
    });

    it('a source holding the UID for someone else only is passed over for the next', async () => {
      stubFetch(
        { studyInstanceUID: UID, sourceIds: ['a', 'b'], patient: { identifiers: [MARIE] } },
        {
          a: () =>
            json(
              200,
              [{ ...seriesItem('9.9', 'CT', 90), ...of(JEAN, 'MARTIN^JEAN') }],
              'application/dicom+json',
            ),
          b: () =>
            json(
              200,
              [{ ...seriesItem('9.1', 'US', 1), ...of(MARIE, 'DUBOIS^MARIE') }],
              'application/dicom+json',
            ),
        },
      );
      const opened = await openStudy({ key: 'k', sources: SOURCES });
      expect(opened.source.id).toBe('b');

      stubFetch(
        { studyInstanceUID: UID, sourceIds: ['a'], patient: { identifiers: [MARIE] } },
        {
          a: () =>
            json(
              200,
              [{ ...seriesItem('9.9', 'CT', 90), ...of(JEAN, 'MARTIN^JEAN') }],
              'application/dicom+json',
            ),
        },
      );
      expect(await failureOf(openStudy({ key: 'k', sources: SOURCES }))).toEqual({
        kind: 'otherPatient',
      });
    });

    it('carries the exams a launch did not find', async () => {
      const missing = { studyUids: ['1.2.9'], accessionNumbers: [] };
      stubFetch(
        { studyInstanceUID: UID, sourceIds: ['a'], patient: { identifiers: [MARIE] }, missing },
        { a: mixed },
      );
      expect((await openStudy({ key: 'k', sources: SOURCES })).missing).toEqual(missing);
    });
  });

  describe('with the series list the launch’s claim brought', () => {
    const preview = { sopInstanceUID: '9.1.1', frame: 1, query: 'window=40,400,linear' };
    const forMarie = { studyInstanceUID: UID, sourceIds: ['a'], patient: { identifiers: [MARIE] } };

    it('asks no source for it, and hands the preview request on for that series', async () => {
      const calls = stubFetch(forMarie, {});
      rememberStudyAhead('k-ahead', {
        series: { sourceId: 'a', datasets: [{ ...seriesItem('9.1', 'CT', 2), ...of(MARIE, 'X') }] },
        first: { seriesInstanceUID: '9.1', preview },
      });
      const opened = await openStudy({ key: 'k-ahead', sources: SOURCES });
      expect(calls.filter((c) => c.startsWith('/dicomweb/'))).toEqual([]);
      expect(opened.source.id).toBe('a');
      expect(opened.series.map((s) => s.seriesInstanceUID)).toEqual(['9.1']);
      expect(opened.patient).toEqual([MARIE]);
      expect(opened.previewAhead).toEqual({ seriesInstanceUID: '9.1', request: preview });

      // Once: opened again (a reload of the route), the source is asked as always.
      stubFetch(forMarie, {
        a: () => json(200, [seriesItem('9.1', 'CT', 2)], 'application/dicom+json'),
      });
      const again = await openStudy({ key: 'k-ahead', sources: SOURCES });
      expect(again.previewAhead).toBeUndefined();
    });

    it('still sorts the remembered series by person: another person’s never shows', async () => {
      stubFetch(forMarie, {});
      rememberStudyAhead('k-mixed', {
        series: {
          sourceId: 'a',
          datasets: [
            { ...seriesItem('9.1', 'US', 1), ...of(MARIE, 'DUBOIS^MARIE') },
            { ...seriesItem('9.9', 'CT', 90), ...of(JEAN, 'MARTIN^JEAN') },
          ],
        },
        first: { seriesInstanceUID: '9.9', preview },
      });
      const opened = await openStudy({ key: 'k-mixed', sources: SOURCES });
      expect(opened.series.map((s) => s.seriesInstanceUID)).toEqual(['9.1']);
      expect(opened.setAside?.count).toBe(1);
      expect(JSON.stringify(opened.series)).not.toContain('9.9');
      expect(opened.previewAhead).toBeUndefined();

      // Only the other person's at that source: refused as if the source had answered so.
      stubFetch(forMarie, {});
      rememberStudyAhead('k-other', {
        series: {
          sourceId: 'a',
          datasets: [{ ...seriesItem('9.9', 'CT', 90), ...of(JEAN, 'MARTIN^JEAN') }],
        },
      });
      expect(await failureOf(openStudy({ key: 'k-other', sources: SOURCES }))).toEqual({
        kind: 'otherPatient',
      });
    });

    it('is used for its own source only: the sources before it are asked as always', async () => {
      const calls = stubFetch(
        { studyInstanceUID: UID, sourceIds: ['a', 'b'] },
        { a: () => json(200, [seriesItem('8.1', 'MR', 1)], 'application/dicom+json') },
      );
      rememberStudyAhead('k-b', {
        series: { sourceId: 'b', datasets: [seriesItem('9.1', 'CT', 2)] },
        first: { seriesInstanceUID: '9.1', preview },
      });
      const opened = await openStudy({ key: 'k-b', sources: SOURCES });
      expect(opened.source.id).toBe('a');
      expect(opened.series.map((s) => s.seriesInstanceUID)).toEqual(['8.1']);
      expect(opened.previewAhead).toBeUndefined();
      expect(calls.filter((c) => c.startsWith('/dicomweb/a/'))).toHaveLength(1);
    });
  });
});
