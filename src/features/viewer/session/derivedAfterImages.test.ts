// A segmentation beside a large CT: its metadata and its megabytes of label maps are asked
// for only once the CT's frames are in, so they never slow the images the user waits for;
// and one held under another patient is never drawn, its pixels never asked for.
import { describe, expect, it, vi } from 'vitest';
import type { DicomDataset } from '../../../domain/dicom/dicomJson';
import type { PublicSource } from '../../../domain/publicConfig';
import type { PrefetchHandle } from '../../../lib/cornerstone/framePrefetch';
import type { OpenedStudy } from '../api/openStudy';
import { SeriesLoading } from './seriesLoading';
import type { ViewerImaging } from './viewerImaging';

const v = (vr: string, ...Value: unknown[]) => ({ vr, Value });

function ctSlice(sop: string, z: number): DicomDataset {
  return {
    '00080018': v('UI', sop),
    '00080060': v('CS', 'CT'),
    '00200032': v('DS', 0, 0, z),
    '00200037': v('DS', 1, 0, 0, 0, 1, 0),
    '00280010': v('US', 4),
    '00280011': v('US', 4),
    '00280030': v('DS', '1', '1'),
  };
}

const study: OpenedStudy = {
  source: { id: 'box' } as PublicSource,
  studyInstanceUID: '1.2',
  series: [
    {
      seriesInstanceUID: '1.2.1',
      modality: 'CT',
      seriesNumber: 1,
      description: '',
      numberOfInstances: 2,
    },
    {
      seriesInstanceUID: '1.2.9',
      modality: 'SEG',
      seriesNumber: 101,
      description: '',
      numberOfInstances: 1,
    },
  ],
} as OpenedStudy;

async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('derived objects of a study', () => {
  it('wait for the first series’ frames before anything of theirs is asked for', async () => {
    const imaging: ViewerImaging = {
      registerSeries: vi.fn(() => Promise.resolve()),
      loadFirstImageEarly: vi.fn(),
      prefetchFrames: vi.fn((): PrefetchHandle => ({
        cancel: vi.fn(),
        done: new Promise(() => {}),
      })),
    };
    const metadata = vi.fn((uid: string) =>
      Promise.resolve({
        instances: uid === '1.2.1' ? [ctSlice('1.2.1.1', 0), ctSlice('1.2.1.2', -1)] : [],
        setAside: 0,
      }),
    );
    let imagesIn: () => void = () => undefined;
    const loading = new SeriesLoading({
      study,
      firstSeriesUID: '1.2.1',
      origin: 'http://gateway',
      metadata,
      imaging: () => Promise.resolve(imaging),
      signal: new AbortController().signal,
      firstSeriesIn: new Promise<void>((resolve) => (imagesIn = resolve)),
      changed: () => undefined,
    });
    loading.begin();
    await settle();
    expect(loading.contents.get('1.2.1')?.state).toBe('ready');
    expect(metadata.mock.calls.map(([uid]) => uid)).toEqual(['1.2.1']);
    expect(loading.contents.get('1.2.9')?.state).toBe('loading');

    imagesIn();
    await settle();
    expect(metadata.mock.calls.map(([uid]) => uid)).toEqual(['1.2.1', '1.2.9']);
    // No instance of it: said as such, the CT untouched.
    expect(loading.contents.get('1.2.9')?.state).toBe('empty');
    expect(loading.contents.get('1.2.1')?.state).toBe('ready');
  });

  it('held under another patient only: said so, and nothing of it fetched', async () => {
    const imaging: ViewerImaging = {
      registerSeries: vi.fn(() => Promise.resolve()),
      loadFirstImageEarly: vi.fn(),
      prefetchFrames: vi.fn((): PrefetchHandle => ({
        cancel: vi.fn(),
        done: new Promise(() => {}),
      })),
    };
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    // The session's metadata set every instance of the SEG aside: another patient's.
    const metadata = vi.fn((uid: string) =>
      Promise.resolve(
        uid === '1.2.1'
          ? { instances: [ctSlice('1.2.1.1', 0), ctSlice('1.2.1.2', -1)], setAside: 0 }
          : { instances: [], setAside: 1 },
      ),
    );
    const loading = new SeriesLoading({
      study,
      firstSeriesUID: '1.2.1',
      origin: 'http://gateway',
      metadata,
      imaging: () => Promise.resolve(imaging),
      signal: new AbortController().signal,
      firstSeriesIn: Promise.resolve(),
      changed: () => undefined,
    });
    loading.begin();
    await settle();
    expect(loading.contents.get('1.2.9')?.state).toBe('otherPatient');
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});
