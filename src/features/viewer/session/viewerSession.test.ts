// A study's session against a fake gateway and a stand-in for Cornerstone: the first
// series' metadata is asked once however many parts of the viewer read it, Cornerstone's
// side is loaded once, a study nobody shows loads no pixels, and a session's end closes
// its preview without touching another study's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { str, type DicomDataset } from '../../../domain/dicom/dicomJson';
import type { PublicSource } from '../../../domain/publicConfig';
import { setAccessToken } from '../../../lib/api/accessToken';
import type { PrefetchHandle } from '../../../lib/cornerstone/framePrefetch';
import { createQueryClient } from '../../../lib/queryClient';
import type { OpenedStudy } from '../api/openStudy';
import type { ImagingStart, ViewerImaging } from './viewerImaging';
import { ViewerSession } from './viewerSession';

const source: PublicSource = {
  id: 'box',
  label: 'box',
  kind: 'drimbox',
  timeoutMs: 5000,
  qido: {
    issuerOfPatientId: true,
    modalitiesInStudy: true,
    studyDateRange: true,
    bodyPartAtStudyLevel: false,
    maxResults: 100,
  },
};

const v = (vr: string, ...Value: unknown[]) => ({ vr, Value });

function ctSlice(sop: string, z: number): DicomDataset {
  return {
    '00080018': v('UI', sop),
    '00080060': v('CS', 'CT'),
    '00200032': v('DS', 0, 0, z),
    '00200037': v('DS', 1, 0, 0, 0, 1, 0),
    '00280002': v('US', 1),
    '00280004': v('CS', 'MONOCHROME2'),
    '00280010': v('US', 4),
    '00280011': v('US', 4),
    '00280100': v('US', 16),
    '00280030': v('DS', '0.5', '0.5'),
    '00281050': v('DS', 40),
    '00281051': v('DS', 400),
  };
}

function study(uid: string, keyImagesOnly = false): OpenedStudy {
  const series = (n: number) => ({
    seriesInstanceUID: `${uid}.${n}`,
    modality: 'CT',
    seriesNumber: n,
    description: '',
    numberOfInstances: 3,
  });
  return {
    source,
    studyInstanceUID: uid,
    series: [series(1), series(2)],
    ...(keyImagesOnly ? { keyImagesOnly: true as const } : {}),
  };
}

/** Every request the fake gateway got, by path. */
let requests: string[];
/** What happened, in order: `asked <path?query>` and `answered <path>`. */
let events: string[];
let bitmaps: { close: ReturnType<typeof vi.fn> }[];
/** While set, the metadata is answered only once it resolves. */
let metadataHeld: Promise<void> | null;
/** What the metadata is answered with, when not 200. */
let metadataStatus: number;

beforeEach(() => {
  setAccessToken('token');
  requests = [];
  events = [];
  bitmaps = [];
  metadataHeld = null;
  metadataStatus = 200;
  vi.stubGlobal('fetch', async (url: string) => {
    const { pathname: path, search } = new URL(url, 'http://gateway');
    requests.push(path);
    events.push(`asked ${path}${search}`);
    if (path.endsWith('/metadata')) {
      const series = path.split('/series/')[1]?.split('/')[0] ?? '';
      const body = [0, -1, -2].map((z) => ctSlice(`${series}.${-z}`, z));
      await metadataHeld;
      events.push(`answered ${path}`);
      if (metadataStatus !== 200) return new Response('{}', { status: metadataStatus });
      return new Response(JSON.stringify(body), {
        headers: { 'content-type': 'application/dicom+json' },
      });
    }
    if (path.endsWith('/rendered')) {
      return new Response('png', { headers: { 'content-type': 'image/png' } });
    }
    return new Response('', { status: 404 });
  });
  vi.stubGlobal('createImageBitmap', () => {
    const bitmap = { width: 4, height: 4, close: vi.fn() };
    bitmaps.push(bitmap);
    return Promise.resolve(bitmap);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
});

function fakeImaging() {
  const loads: { uid: string; finish: () => void }[] = [];
  const imaging: ViewerImaging = {
    registerSeries: vi.fn(() => Promise.resolve()),
    loadFirstImageEarly: vi.fn(),
    prefetchFrames: vi.fn((imageIds: readonly string[]): PrefetchHandle => {
      let finish: () => void = () => undefined;
      const done = new Promise<{ loaded: number; failed: number; total: number }>((resolve) => {
        finish = () => resolve({ loaded: imageIds.length, failed: 0, total: imageIds.length });
      });
      loads.push({ uid: imageIds[0]?.split('/series/')[1]?.split('/')[0] ?? '', finish });
      return { cancel: vi.fn(), done };
    }),
  };
  const loadImaging = vi.fn((): Promise<ImagingStart> =>
    Promise.resolve({ imaging, started: Promise.resolve() }),
  );
  return { imaging, loadImaging, loads };
}

function sessionOf(opened: OpenedStudy, loadImaging: () => Promise<ImagingStart>) {
  return new ViewerSession({
    study: opened,
    firstSeriesUID: `${opened.studyInstanceUID}.1`,
    queryClient: createQueryClient(),
    origin: 'http://gateway',
    loadImaging,
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 0));
  expect(condition()).toBe(true);
}

const asked = (suffix: string) => requests.filter((p) => p.endsWith(suffix)).length;

describe('a study’s viewer session', () => {
  it('asks the first series’ metadata once, whoever reads it, and starts Cornerstone once', async () => {
    const { imaging, loadImaging, loads } = fakeImaging();
    const session = sessionOf(study('1.2'), loadImaging);
    const release = session.retain();

    // The route: the preview, drawn from the source's rendering.
    await until(() => session.getState().previewSettled);
    expect(session.getState().preview).toBe(bitmaps[0]);
    expect(session.getState().metadataIn).toBe(true);
    // The route runs the viewer's code; the workspace shows the study and makes its engine.
    void session.startCornerstone();
    session.showImages();
    session.showImages();
    await session.startCornerstone();
    await until(() => session.getState().contents.get('1.2.1')?.state === 'ready');
    session.prefetchInBackground(1e9);
    // The key images, the overlay… read the same answer.
    await session.metadata('1.2.1');
    await until(() => [...session.getState().contents.values()].every((s) => s.state === 'ready'));

    expect(asked('/series/1.2.1/metadata')).toBe(1);
    expect(asked('/series/1.2.2/metadata')).toBe(1);
    expect(asked('/rendered')).toBe(1);
    expect(loadImaging).toHaveBeenCalledTimes(1);
    // Every instance handed to the loader once; the first image's alone, before its frame
    // is asked for and before the rest of its series.
    const registered = vi
      .mocked(imaging.registerSeries)
      .mock.calls.map(([, instances]) => instances.map((ds) => str(ds, '00080018')));
    expect(registered.flat().sort()).toEqual(
      ['1.2.1.0', '1.2.1.1', '1.2.1.2', '1.2.2.0', '1.2.2.1', '1.2.2.2'].sort(),
    );
    expect(registered[0]).toEqual(['1.2.1.0']);
    expect(vi.mocked(imaging.loadFirstImageEarly).mock.invocationCallOrder[0]).toBeLessThan(
      vi.mocked(imaging.registerSeries).mock.invocationCallOrder[1] ?? 0,
    );
    expect(imaging.loadFirstImageEarly).toHaveBeenCalledTimes(1);
    expect(imaging.loadFirstImageEarly).toHaveBeenCalledWith(
      'wadors:http://gateway/dicomweb/box/studies/1.2/series/1.2.1/instances/1.2.1.0/frames/1',
    );

    // One series at a time, the first first; the report stops waiting once it is in.
    await until(() => loads.length === 1);
    expect(loads[0]?.uid).toBe('1.2.1');
    expect(session.getState().imagesIn).toBe(false);
    loads[0]?.finish();
    await until(() => loads.length === 2);
    expect(loads[1]?.uid).toBe('1.2.2');
    expect(session.getState().imagesIn).toBe(true);

    release();
    await until(() => session.isDisposed);
    expect(bitmaps[0]?.close).toHaveBeenCalled();
    expect(session.getState().preview).toBeNull();
  });

  it('loads no pixels of a study nobody shows (a prior beside the current one)', async () => {
    const current = fakeImaging();
    const prior = fakeImaging();
    const currentSession = sessionOf(study('1.2'), current.loadImaging);
    const priorSession = sessionOf(study('1.3'), prior.loadImaging);
    const releaseCurrent = currentSession.retain();
    const releasePrior = priorSession.retain();
    await until(() => priorSession.getState().previewSettled);
    await until(() => currentSession.getState().previewSettled);
    currentSession.showImages();
    await until(() => currentSession.getState().contents.get('1.2.1')?.state === 'ready');

    // The prior's metadata and preview are there for when it is shown; nothing else is.
    expect(asked('/series/1.3.1/metadata')).toBe(1);
    expect(asked('/series/1.3.2/metadata')).toBe(0);
    expect(prior.loadImaging).not.toHaveBeenCalled();
    expect(priorSession.getState().contents.get('1.3.1')).toEqual({ state: 'loading' });

    // Closing the prior leaves the current study as it was.
    releasePrior();
    await until(() => priorSession.isDisposed);
    expect(currentSession.isDisposed).toBe(false);
    expect(currentSession.getState().preview).not.toBeNull();
    expect(bitmaps.filter((b) => b.close.mock.calls.length > 0)).toHaveLength(1);
    releaseCurrent();
    await until(() => currentSession.isDisposed);
  });

  it('survives being released and retained again in one go (a remount)', async () => {
    const session = sessionOf(study('1.2'), fakeImaging().loadImaging);
    session.retain()();
    const release = session.retain();
    await until(() => session.getState().previewSettled);
    expect(session.isDisposed).toBe(false);
    expect(asked('/series/1.2.1/metadata')).toBe(1);
    release();
    await until(() => session.isDisposed);
  });

  it('opened on the key images, asks no preview and lets the report start at once', async () => {
    const session = sessionOf(study('1.2', true), fakeImaging().loadImaging);
    const release = session.retain();
    expect(session.getState()).toMatchObject({ metadataIn: true, previewSettled: true });
    await until(() => asked('/series/1.2.1/metadata') === 1);
    expect(asked('/rendered')).toBe(0);
    release();
    await until(() => session.isDisposed);
  });

  describe('with the preview request the launch’s claim brought', () => {
    /** The request the viewer computes for study 1.2's first series (see ctSlice). */
    const matching = { sopInstanceUID: '1.2.1.0', frame: 1, query: 'window=40,400,linear' };
    const withAhead = (request: typeof matching): OpenedStudy => ({
      ...study('1.2'),
      previewAhead: { seriesInstanceUID: '1.2.1', request },
    });
    const metadataPath = '/dicomweb/box/studies/1.2/series/1.2.1/metadata';
    const renderedPath = (sop: string) =>
      `/dicomweb/box/studies/1.2/series/1.2.1/instances/${sop}/frames/1/rendered`;

    it('asks the preview before the metadata has answered, and shows it as soon as it comes', async () => {
      let answer: () => void = () => undefined;
      metadataHeld = new Promise((resolve) => (answer = resolve));
      const session = sessionOf(withAhead(matching), fakeImaging().loadImaging);
      const release = session.retain();

      await until(() => asked('/rendered') === 1);
      expect(events).toContain(`asked ${renderedPath('1.2.1.0')}?window=40,400,linear`);
      // The gateway named it with the viewer's own rule: on screen before the metadata.
      await until(() => session.getState().previewSettled);
      expect(events).not.toContain(`answered ${metadataPath}`);
      expect(session.getState().preview).toBe(bitmaps[0]);

      // The metadata confirms it: nothing asked again, nothing swapped.
      answer();
      await until(() => session.getState().metadataIn);
      expect(session.getState().preview).toBe(bitmaps[0]);
      expect(asked('/rendered')).toBe(1);
      expect(bitmaps[0]?.close).not.toHaveBeenCalled();
      release();
      await until(() => session.isDisposed);
      expect(bitmaps[0]?.close).toHaveBeenCalled();
    });

    it('discards a preview the metadata does not yield, and asks the right one', async () => {
      let answer: () => void = () => undefined;
      metadataHeld = new Promise((resolve) => (answer = resolve));
      // Another slice of the same series: a source that sorted differently, say.
      const other = { ...matching, sopInstanceUID: '1.2.1.2' };
      const session = sessionOf(withAhead(other), fakeImaging().loadImaging);
      const release = session.retain();
      await until(() => Object.is(session.getState().preview, bitmaps[0]));
      answer();
      // Replaced by the image the metadata names, and only then let go of.
      await until(() => bitmaps.length === 2 && Object.is(session.getState().preview, bitmaps[1]));

      expect(events.filter((e) => e.includes('/rendered'))).toEqual([
        `asked ${renderedPath('1.2.1.2')}?window=40,400,linear`,
        `asked ${renderedPath('1.2.1.0')}?window=40,400,linear`,
      ]);
      expect(session.getState().preview).toBe(bitmaps[1]);
      // The other slice's pixels are let go of at once.
      expect(bitmaps[0]?.close).toHaveBeenCalled();
      expect(bitmaps[1]?.close).not.toHaveBeenCalled();
      release();
      await until(() => session.isDisposed);
    });

    it('discards one of the same image in another window', async () => {
      const session = sessionOf(
        withAhead({ ...matching, query: 'window=50,350,linear' }),
        fakeImaging().loadImaging,
      );
      const release = session.retain();
      await until(() => asked('/rendered') === 2);
      await until(() => bitmaps[0]?.close.mock.calls.length === 1);
      expect(session.getState().preview).toBe(bitmaps[1]);
      release();
      await until(() => session.isDisposed);
    });

    it('takes a preview shown ahead off the screen when the metadata cannot be had', async () => {
      let fail: () => void = () => undefined;
      metadataHeld = new Promise((resolve) => (fail = resolve));
      metadataStatus = 403;
      const session = sessionOf(withAhead(matching), fakeImaging().loadImaging);
      const release = session.retain();
      await until(() => Object.is(session.getState().preview, bitmaps[0]));
      fail();
      await until(() => session.getState().metadataIn);
      expect(session.getState().preview).toBeNull();
      await until(() => bitmaps[0]?.close.mock.calls.length === 1);
      release();
      await until(() => session.isDisposed);
    });

    it('asks nothing ahead for another first series, nor when opened on the key images', async () => {
      const elsewhere: OpenedStudy = {
        ...study('1.2'),
        previewAhead: { seriesInstanceUID: '1.2.2', request: matching },
      };
      metadataHeld = new Promise(() => undefined);
      const first = sessionOf(elsewhere, fakeImaging().loadImaging);
      const keyImages = sessionOf(
        { ...withAhead(matching), keyImagesOnly: true },
        fakeImaging().loadImaging,
      );
      const releases = [first.retain(), keyImages.retain()];
      await until(() => asked('/metadata') === 2);
      expect(asked('/rendered')).toBe(0);
      for (const release of releases) release();
      await until(() => first.isDisposed && keyImages.isDisposed);
    });
  });
});
