// From a claimed STUDY launch to the sealed study key: what the link asked of the viewer
// (compare=auto) must reach the key's value, and nothing more when it asked nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicSource } from '../../../domain/publicConfig';
import { setAccessToken } from '../../../lib/api/accessToken';
import { unsealKey } from '../../../lib/api/opaqueKeys';
import { takeStudyAhead } from '../../../lib/api/studyAhead';
import { openChosen, openClaimed } from './openLaunch';

const INS = { issuer: '1.2.250.1.213.1.4.10', id: '258037512345653' };
const source: PublicSource = {
  id: 'drimbox-a',
  label: 'A',
  kind: 'drimbox',
  qido: {
    issuerOfPatientId: true,
    modalitiesInStudy: true,
    studyDateRange: true,
    bodyPartAtStudyLevel: false,
    maxResults: 100,
  },
  timeoutMs: 2000,
};
const held = {
  '0020000D': { vr: 'UI', Value: ['2.25.1'] },
  '00100020': { vr: 'LO', Value: [INS.id] },
  '00100021': { vr: 'LO', Value: [INS.issuer] },
};

/** Every value sent to POST /api/keys (and, in `asked`, every URL asked). */
function stubGateway(asked: string[] = []): unknown[] {
  const sealed: unknown[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    asked.push(url);
    if (url === '/api/keys') {
      sealed.push(JSON.parse(String(init?.body)));
      return Promise.resolve(Response.json({ key: 'k1' }));
    }
    return Promise.resolve(Response.json(url.startsWith('/dicomweb/drimbox-a/') ? [held] : []));
  });
  return sealed;
}

const ctx = { principal: { role: 'professional' as const }, sources: [source] };
const launched = (hints: { compare?: 'auto' }) => ({
  target: {
    view: 'study' as const,
    studyUids: ['2.25.1'],
    accessionNumbers: [],
    patient: INS,
    hints,
  },
});

beforeEach(() => {
  setAccessToken('tok');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
});

describe('openClaimed (STUDY)', () => {
  it('seals compare=auto with the study it opens', async () => {
    const sealed = stubGateway();
    await expect(openClaimed(launched({ compare: 'auto' }), ctx)).resolves.toEqual({
      kind: 'open',
      to: '/study/k1',
    });
    expect(sealed).toEqual([
      {
        kind: 'study',
        value: {
          studyInstanceUID: '2.25.1',
          sourceIds: ['drimbox-a'],
          patient: { identifiers: [INS] },
          compare: 'auto',
        },
      },
    ]);
  });

  it('seals no comparison when the link asked none', async () => {
    const sealed = stubGateway();
    await openClaimed(launched({}), ctx);
    expect(sealed[0]).toMatchObject({ kind: 'study' });
    expect((sealed[0] as { value: object }).value).not.toHaveProperty('compare');
  });
});

describe('openClaimed (STUDY) with the gateway’s lookup from the claim', () => {
  const value = {
    studyInstanceUID: '2.25.1',
    sourceIds: ['drimbox-a'],
    patient: { identifiers: [INS] },
  };
  const answers = [{ sourceId: 'drimbox-a', ok: true as const, datasets: [held] }];

  it('opens the key the gateway sealed, asking no source and sealing nothing', async () => {
    const asked: string[] = [];
    stubGateway(asked);
    await expect(
      openClaimed(launched({}), ctx, { answers, study: { key: 'from-claim', value } }),
    ).resolves.toEqual({ kind: 'open', to: '/study/from-claim' });
    expect(asked).toEqual([]);
    // The viewer reads the key's value without asking the gateway again.
    await expect(unsealKey('from-claim', 'study')).resolves.toEqual(value);
    expect(asked).toEqual([]);
  });

  it('hands what the gateway asked ahead to the viewer of that key, in memory', async () => {
    stubGateway();
    const series = { sourceId: 'drimbox-a', datasets: [held] };
    const first = {
      seriesInstanceUID: '2.25.1.1',
      preview: { sopInstanceUID: '2.25.1.1.1', frame: 1, query: '' },
    };
    await openClaimed(launched({}), ctx, {
      answers,
      study: { key: 'ahead', value, series, first },
    });
    expect(takeStudyAhead('ahead')).toEqual({ series, first });
    expect(takeStudyAhead('ahead')).toBeUndefined();
  });

  it('seals its own key when the gateway’s holds another decision than this page’s', async () => {
    const sealed = stubGateway();
    const other = { ...value, sourceIds: ['drimbox-b'] };
    const series = { sourceId: 'drimbox-b', datasets: [held] };
    await expect(
      openClaimed(launched({}), ctx, { answers, study: { key: 'stale', value: other, series } }),
    ).resolves.toEqual({ kind: 'open', to: '/study/k1' });
    expect(sealed).toEqual([{ kind: 'study', value }]);
    // Nor is what was asked ahead for the other decision kept, under either key.
    expect(takeStudyAhead('stale')).toBeUndefined();
    expect(takeStudyAhead('k1')).toBeUndefined();
  });

  it('asks the sources itself when the answers name a source this page does not know', async () => {
    const asked: string[] = [];
    stubGateway(asked);
    await openClaimed(launched({}), ctx, {
      answers: [{ sourceId: 'elsewhere', ok: true, datasets: [held] }],
    });
    expect(asked.some((u) => u.startsWith('/dicomweb/drimbox-a/studies'))).toBe(true);
  });
});

describe('openChosen', () => {
  it('keeps compare=auto for the person the professional chose', async () => {
    const sealed = stubGateway();
    await openChosen({
      person: {
        identifiers: [INS],
        sourceIds: ['drimbox-a'],
        facts: { name: null, birthDate: null, sex: '' },
      },
      studyInstanceUID: '2.25.1',
      keyImagesOnly: false,
      compare: 'auto',
    });
    expect(sealed[0]).toMatchObject({ value: { studyInstanceUID: '2.25.1', compare: 'auto' } });
  });
});
