// A PET opened first: its SUV factors reach the loader with its first instance, before that
// instance's frame is asked for early, so the first image on screen is in SUV like the rest.
import { describe, expect, it, vi } from 'vitest';
import type { DicomDataset } from '../../../domain/dicom/dicomJson';
import type { PublicSource } from '../../../domain/publicConfig';
import type { PrefetchHandle } from '../../../lib/cornerstone/framePrefetch';
import type { OpenedStudy } from '../api/openStudy';
import { SeriesLoading } from './seriesLoading';
import type { SeriesState } from './seriesState';
import type { ViewerImaging } from './viewerImaging';

const v = (vr: string, ...Value: unknown[]) => ({ vr, Value });

function petSlice(sop: string, z: number, weight: string | null): DicomDataset {
  const ds: Record<string, unknown> = {
    '00080018': v('UI', sop),
    '00080060': v('CS', 'PT'),
    '00080021': v('DA', '20260915'),
    '00080031': v('TM', '141500'),
    '00080022': v('DA', '20260915'),
    '00080032': v('TM', '141500'),
    '00200032': v('DS', 0, 0, z),
    '00200037': v('DS', 1, 0, 0, 0, 1, 0),
    '00280002': v('US', 1),
    '00280004': v('CS', 'MONOCHROME2'),
    '00280010': v('US', 4),
    '00280011': v('US', 4),
    '00280100': v('US', 16),
    '00280030': v('DS', '4', '4'),
    '00280051': v('CS', 'ATTN', 'DECY'),
    '00541001': v('CS', 'BQML'),
    '00541102': v('CS', 'START'),
    '00540016': {
      vr: 'SQ',
      Value: [
        {
          '00181078': v('DT', '20260915131500'),
          '00181074': v('DS', 2.5e8),
          '00181075': v('DS', 6586.2),
        },
      ],
    },
  };
  if (weight !== null) ds['00101030'] = v('DS', weight);
  return ds;
}

const source = { id: 'box' } as PublicSource;

async function load(weight: string | null) {
  const study: OpenedStudy = {
    source,
    studyInstanceUID: '1.2',
    series: [
      {
        seriesInstanceUID: '1.2.1',
        modality: 'PT',
        seriesNumber: 1,
        description: '',
        numberOfInstances: 3,
      },
    ],
  };
  const instances = [0, -4, -8].map((z) => petSlice(`1.2.1.${-z}`, z, weight));
  const imaging: ViewerImaging = {
    registerSeries: vi.fn(() => Promise.resolve()),
    loadFirstImageEarly: vi.fn(),
    prefetchFrames: vi.fn((): PrefetchHandle => ({ cancel: vi.fn(), done: new Promise(() => {}) })),
  };
  let contents: ReadonlyMap<string, SeriesState> = new Map();
  const loading = new SeriesLoading({
    study,
    firstSeriesUID: '1.2.1',
    origin: 'http://gateway',
    metadata: () => Promise.resolve({ instances, setAside: 0 }),
    imaging: () => Promise.resolve(imaging),
    signal: new AbortController().signal,
    firstSeriesIn: Promise.resolve(),
    changed: (c) => (contents = c),
  });
  loading.begin();
  for (let i = 0; i < 100 && contents.get('1.2.1')?.state !== 'ready'; i++) {
    await new Promise((r) => setTimeout(r, 0));
  }
  return { imaging, state: contents.get('1.2.1') };
}

describe('a PET series loading', () => {
  it('hands its SUV factors with its first instance, before the first frame is asked for', async () => {
    const { imaging, state } = await load('72');
    const calls = vi.mocked(imaging.registerSeries).mock.calls;
    const [, firstInstances, firstOptions] = calls[0] ?? [];
    expect(firstInstances?.length).toBe(1);
    expect(firstOptions?.suv?.ok).toBe(true);
    // Every later registration carries them too.
    expect(calls.every(([, , options]) => options.suv === firstOptions?.suv)).toBe(true);
    expect(vi.mocked(imaging.registerSeries).mock.invocationCallOrder[0]).toBeLessThan(
      vi.mocked(imaging.loadFirstImageEarly).mock.invocationCallOrder[0] ?? 0,
    );
    // 72 kg, 250 MBq injected one hour before the series' start (F-18).
    const factor = 72000 / (2.5e8 * Math.pow(2, -3600 / 6586.2));
    const suv = firstOptions?.suv;
    expect(suv?.ok && suv.suvbwBySop.get('1.2.1.0')).toBeCloseTo(factor, 12);
    expect(state?.state === 'ready' && state.series.nuclear?.suv).toBe(suv);
  });

  it('says why not, with the series, when SUV cannot be computed', async () => {
    const { imaging, state } = await load(null);
    const [, , options] = vi.mocked(imaging.registerSeries).mock.calls[0] ?? [];
    expect(options?.suv).toMatchObject({ ok: false, code: 'patientWeight' });
    expect(state?.state === 'ready' && state.series.nuclear?.suv).toMatchObject({
      ok: false,
      attribute: 'PatientWeight',
      storedUnits: 'BQML',
    });
  });
});
