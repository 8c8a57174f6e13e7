// The click's queries are the list's own: the same requests under the same keys, so the
// list (a QueryObserver, as useQueries makes) opening on them asks nothing again — not even
// a source that refused moments before — and a list that will not open leaves nothing behind.
import { QueryObserver, type QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { todayIso } from '../../domain/dateText';
import { identifiersToQuery } from '../../domain/federation/patientKeyValue';
import { NO_FILTERS } from '../../domain/federation/studyFilters';
import type { PatientIdentifier } from '../../domain/identity/patientIdentifier';
import type { PublicSource } from '../../domain/publicConfig';
import { setAccessToken } from '../api/accessToken';
import { createQueryClient } from '../queryClient';
import { askAgainOnMount, FRESH_FAILURE_MS, sourceStudiesQueryOptions } from './fetchSourceStudies';
import { prefetchFederatedStudies } from './prefetchFederatedStudies';

const qido = {
  issuerOfPatientId: true,
  modalitiesInStudy: true,
  studyDateRange: true,
  bodyPartAtStudyLevel: false,
  maxResults: 50,
};
const drimbox: PublicSource = {
  id: 'drimbox-a',
  label: 'A',
  kind: 'drimbox',
  timeoutMs: 1000,
  qido,
};
const archive: PublicSource = {
  id: 'archive',
  label: 'Archive',
  kind: 'regional',
  timeoutMs: 1000,
  qido,
};
const INS = { issuer: '1.2.250.1.213.1.4.10', id: '258037512345653' };
const LOCAL = { issuer: '1.2.3.4', id: 'L-42' };
const identifiers: PatientIdentifier[] = [LOCAL, INS];

interface Call {
  url: string;
  signal: AbortSignal | undefined;
}

/** A gateway answering each source's studies and series; the archive refuses (no consent). */
function stubGateway(): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    calls.push({ url, signal: init?.signal ?? undefined });
    const refused = url.startsWith('/dicomweb/archive/');
    return Promise.resolve(
      new Response(refused ? '{"error":{"code":"consent_required"}}' : '[]', {
        status: refused ? 403 : 200,
        headers: { 'content-type': refused ? 'application/json' : 'application/dicom+json' },
      }),
    );
  });
  return calls;
}

/** What useFederatedStudies asks for this patient at this source (PatientStudiesPage's way). */
function listOptions(source: PublicSource) {
  return sourceStudiesQueryOptions({
    source,
    identifiers: identifiersToQuery(identifiers),
    filters: NO_FILTERS,
    today: todayIso(new Date()),
  });
}

/** The list opening on a source: an observer as useQueries makes, until it has settled. */
async function openOn(client: QueryClient, source: PublicSource): Promise<() => void> {
  const observer = new QueryObserver(client, listOptions(source));
  const unsubscribe = observer.subscribe(() => undefined);
  await vi.waitFor(() => expect(observer.getCurrentResult().isFetching).toBe(false));
  return unsubscribe;
}

const settled = (client: QueryClient) => vi.waitFor(() => expect(client.isFetching()).toBe(0));

beforeEach(() => {
  setAccessToken('t');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
});

describe('prefetchFederatedStudies', () => {
  it('asks each source once, by the INS alone, and the list opening on it asks nothing more', async () => {
    const calls = stubGateway();
    const client = createQueryClient();
    prefetchFederatedStudies(client, { sources: [drimbox, archive], identifiers });
    // Sent in the same turn, before anything is awaited.
    expect(calls.map((c) => c.url.split('?')[0]).sort()).toEqual([
      '/dicomweb/archive/series',
      '/dicomweb/archive/studies',
      '/dicomweb/drimbox-a/series',
      '/dicomweb/drimbox-a/studies',
    ]);
    expect(calls.every((c) => c.url.includes(INS.id) && !c.url.includes(LOCAL.id))).toBe(true);
    await settled(client);

    const closers = [await openOn(client, drimbox), await openOn(client, archive)];
    expect(calls).toHaveLength(4);
    expect(client.getQueryState(listOptions(drimbox).queryKey)?.status).toBe('success');
    // The archive's refusal is its answer for the list that opens on it.
    expect(client.getQueryState(listOptions(archive).queryKey)?.status).toBe('error');
    closers.forEach((close) => close());
  });

  it('the list opening while the answers are on their way joins them', async () => {
    const calls = stubGateway();
    const client = createQueryClient();
    prefetchFederatedStudies(client, { sources: [drimbox], identifiers });
    const close = await openOn(client, drimbox);
    expect(calls).toHaveLength(2);
    close();
  });

  it('a fresh answer already cached is not asked again, and abandoning keeps it', async () => {
    const calls = stubGateway();
    const client = createQueryClient();
    const cached = {
      studies: [],
      series: [],
      appliedLocally: [],
      dropped: 0,
      limitReached: false,
    };
    client.setQueryData(listOptions(drimbox).queryKey, cached);
    const prefetch = prefetchFederatedStudies(client, { sources: [drimbox, archive], identifiers });
    expect(calls.map((c) => c.url.split('?')[0]).sort()).toEqual([
      '/dicomweb/archive/series',
      '/dicomweb/archive/studies',
    ]);

    await prefetch.abandon();
    // What it started is stopped (the requests aborted) and gone from the cache.
    expect(calls.every((c) => c.signal?.aborted)).toBe(true);
    expect(client.getQueryState(listOptions(archive).queryKey)).toBeUndefined();
    expect(client.getQueryData(listOptions(drimbox).queryKey)).toBe(cached);
  });

  it('a patient with no identifier the list could send asks nothing', async () => {
    const calls = stubGateway();
    const client = createQueryClient();
    const prefetch = prefetchFederatedStudies(client, {
      sources: [drimbox, archive],
      identifiers: [{ issuer: '', id: 'bare-number' }],
    });
    expect(calls).toHaveLength(0);
    expect(client.getQueryCache().getAll()).toHaveLength(0);
    await prefetch.abandon();
  });
});

describe('askAgainOnMount', () => {
  const t = 1_000_000;
  it('a failure of moments ago stands; an older one is asked again', () => {
    expect(askAgainOnMount(t, t)).toBe(false);
    expect(askAgainOnMount(t, t + FRESH_FAILURE_MS - 1)).toBe(false);
    expect(askAgainOnMount(t, t + FRESH_FAILURE_MS)).toBe(true);
  });

  it('a failure dated in the future (the clock moved back) is asked again', () => {
    expect(askAgainOnMount(t + 5_000, t)).toBe(true);
  });

  it('a list opening on an old failure asks the source again', async () => {
    const calls = stubGateway();
    const client = createQueryClient();
    prefetchFederatedStudies(client, { sources: [archive], identifiers });
    await settled(client);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + FRESH_FAILURE_MS);
    try {
      const close = await openOn(client, archive);
      expect(calls).toHaveLength(4);
      close();
    } finally {
      vi.restoreAllMocks();
    }
  });
});
