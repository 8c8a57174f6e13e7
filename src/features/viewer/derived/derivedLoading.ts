// A derived series (SEG, RTSTRUCT, RTDOSE) made ready to draw, once the study's image series
// are loaded: its metadata (the session's, held to the patient like every series'), its pixel
// data, the series it lies over — the one a SEG or RTSTRUCT names, the CT sharing an RTDOSE's
// frame of reference — and where each of its frames or contours falls in that series. What
// cannot be drawn is said (state 'declined', with why); the rest of the viewer goes on.
import { str, type DicomDataset } from '../../../domain/dicom/dicomJson';
import {
  DerivedObjectError,
  readDose,
  readSegmentation,
  readStructureSet,
  segPixelBytes,
  type DerivedKind,
} from '../../../domain/viewer/derivedObjects';
import { fetchPixelData } from '../api/fetchBulkData';
import type { SeriesMetadata } from '../api/seriesMetadataQuery';
import type { LoadedSeries, SeriesState } from '../session/seriesState';
import { doseContent, segmentationContent, structureSetContent } from './derivedContent';

export interface DerivedLoadingDeps {
  origin: string;
  signal: AbortSignal;
  metadata: (seriesInstanceUID: string) => Promise<SeriesMetadata>;
  /** The study's series states, once its image series are settled. */
  contents: () => ReadonlyMap<string, SeriesState>;
}

const MODALITY = '00080060';

function readyOf(state: SeriesState | undefined): LoadedSeries | null {
  return state?.state === 'ready' ? state.series : null;
}

/** The CT (else any image series) in the dose's frame of reference. */
function planningSeries(
  contents: ReadonlyMap<string, SeriesState>,
  frameOfReferenceUID: string | null,
): LoadedSeries | null {
  if (!frameOfReferenceUID) return null;
  const candidates = [...contents.values()]
    .map(readyOf)
    .filter((s): s is LoadedSeries => s?.placement.frameOfReferenceUID === frameOfReferenceUID);
  return candidates.find((s) => s.summary.modality === 'CT') ?? candidates[0] ?? null;
}

async function pixelsOf(instance: DicomDataset, deps: DerivedLoadingDeps): Promise<Uint8Array> {
  const pixels = await fetchPixelData(instance, deps.origin, deps.signal);
  if (!pixels) throw new DerivedObjectError('noPixels');
  return pixels;
}

export async function loadDerived(
  seriesInstanceUID: string,
  kind: DerivedKind,
  deps: DerivedLoadingDeps,
): Promise<SeriesState> {
  try {
    const { instances, setAside } = await deps.metadata(seriesInstanceUID);
    if (instances.length === 0 && setAside > 0) return { state: 'otherPatient' };
    // One object per series is the rule for these IODs; the first one is drawn.
    const instance = instances.find((ds) => str(ds, MODALITY).toUpperCase() !== '') ?? instances[0];
    if (!instance) return { state: 'empty' };
    const contents = deps.contents();
    if (kind === 'segmentation') {
      const seg = readSegmentation(instance);
      const referenced = seg.referencedSeriesInstanceUID
        ? readyOf(contents.get(seg.referencedSeriesInstanceUID))
        : null;
      const pixels = await pixelsOf(instance, deps);
      if (pixels.byteLength < segPixelBytes(seg)) throw new DerivedObjectError('noPixels');
      if (referenced) {
        return {
          state: 'overlay',
          seriesInstanceUID,
          kind,
          series: referenced,
          derived: segmentationContent(seg, pixels, referenced),
        };
      }
      // Its frames placed on their own planes, over black: still the object the user asked for.
      if (seg.planes.some((p) => p === null))
        return { state: 'declined', kind, problem: 'referenceMissing' };
      return {
        state: 'alone',
        seriesInstanceUID,
        kind,
        derived: segmentationContent(seg, pixels, null),
      };
    }
    if (kind === 'structureSet') {
      const set = readStructureSet(instance);
      const referenced = set.referencedSeriesInstanceUID
        ? readyOf(contents.get(set.referencedSeriesInstanceUID))
        : null;
      if (!referenced) return { state: 'declined', kind, problem: 'referenceMissing' };
      return {
        state: 'overlay',
        seriesInstanceUID,
        kind,
        series: referenced,
        derived: structureSetContent(set, referenced),
      };
    }
    const dose = readDose(instance);
    const derived = doseContent(dose, await pixelsOf(instance, deps));
    const planning = planningSeries(contents, dose.frameOfReferenceUID);
    return planning
      ? { state: 'overlay', seriesInstanceUID, kind, series: planning, derived }
      : { state: 'alone', seriesInstanceUID, kind, derived };
  } catch (error) {
    if (error instanceof DerivedObjectError)
      return { state: 'declined', kind, problem: error.problem };
    throw error;
  }
}
