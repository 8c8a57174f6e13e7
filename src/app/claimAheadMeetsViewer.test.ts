// The launch (features/launch) asks ahead what the viewer (features/viewer) asks next: the
// two features never import each other, so the app checks here that the requests meet.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PublicSource } from '../domain/publicConfig';
import { setAccessToken } from '../lib/api/accessToken';
import { fetchPreview } from '../features/viewer/api/fetchPreview';
import { fetchSeriesMetadata } from '../features/viewer/api/fetchSeriesMetadata';
import { askClaimAhead } from '../features/launch/api/askClaimAhead';

const source: PublicSource = {
  id: 'drimbox-nancy',
  label: 'Nancy',
  kind: 'drimbox',
  timeoutMs: 8000,
} as PublicSource;
const STUDY = '2.25.1';
const SERIES = '2.25.2';
const preview = { sopInstanceUID: '2.25.3', frame: 1, query: 'window=40,400,linear' };
const study = {
  key: 'k',
  value: { studyInstanceUID: STUDY, sourceIds: [source.id] },
  series: { sourceId: source.id, datasets: [] },
  first: { seriesInstanceUID: SERIES, preview },
};

afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
});

describe('the first image’s requests asked at the claim', () => {
  it('are the very requests the viewer makes next, which then ask nothing again', async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      asked.push(`${(init.headers as Record<string, string>).Accept} ${url}`);
      return url.endsWith('/metadata')
        ? new Response('[]')
        : new Response(new Uint8Array([137, 80, 78, 71]), {
            headers: { 'content-type': 'image/png' },
          });
    });
    vi.stubGlobal('createImageBitmap', async () => ({ close: () => undefined }));
    setAccessToken('tok');
    void askClaimAhead(study);
    expect(asked).toEqual([
      `image/png /dicomweb/drimbox-nancy/studies/${STUDY}/series/${SERIES}/instances/2.25.3/frames/1/rendered?window=40,400,linear`,
      `application/dicom+json /dicomweb/drimbox-nancy/studies/${STUDY}/series/${SERIES}/metadata`,
    ]);
    await fetchPreview(
      { sourceId: source.id, studyInstanceUID: STUDY, seriesInstanceUID: SERIES },
      preview,
    );
    await fetchSeriesMetadata({ source, studyInstanceUID: STUDY, seriesInstanceUID: SERIES });
    expect(asked).toHaveLength(2);
  });

  it('asks nothing when the claim names no preview, no source or no readable study', () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    setAccessToken('tok');
    void askClaimAhead(undefined);
    void askClaimAhead({ ...study, first: { seriesInstanceUID: SERIES, preview: null } });
    const { series: _series, ...withoutSeries } = study;
    void askClaimAhead(withoutSeries);
    void askClaimAhead({ ...study, value: { nothing: true } });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
