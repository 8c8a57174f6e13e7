// Which series the viewer shows first, decided from the study's series list alone (QIDO):
// waiting for every series' metadata to choose — what OHIF's hanging protocols do — is what
// makes a large study slow to open, so the rule only uses what the list already says.
//
// The rule (a radiologist's "open the main acquisition"):
// 1. image series before non-image objects (SR, DOC, KO, PR, SEG…), never a non-image one
//    when an image series exists;
// 2. CT and MR before the other modalities (they are why a study is opened in a viewer);
// 3. among CT/MR, an acquisition before a localizer or a reformat (scout, topogram, SAG/COR
//    reformats, MIP): the axial volume is the one measurements and MPR start from — the
//    list has no ImageOrientationPatient, so the description and the count stand for it;
// 4. then the one with most instances (the thin-slice volume);
// 5. then the lowest series number (the acquisition order).
import { isImageModality } from '../dicom/modalities';
import { derivedKind } from './derivedObjects';

export interface SeriesSummary {
  seriesInstanceUID: string;
  modality: string;
  seriesNumber: number | null;
  description: string;
  numberOfInstances: number | null;
}

const CROSS_SECTIONAL = new Set(['CT', 'MR']);

/** Words of series descriptions that mark a localizer or a reformat, not the acquisition. */
const SECONDARY =
  /\b(SCOUT|TOPO\w*|LOCALI[SZ]\w*|SURVEY|PLAN\w*|SAG\w*|COR\w*|MPR|MIP|3D|VR|REFORMAT\w*|DOSE)\b/i;

function rank(s: SeriesSummary): [number, number, number, number] {
  const image = isImageModality(s.modality) ? 0 : 1;
  const cross = CROSS_SECTIONAL.has(s.modality) ? 0 : 1;
  const secondary = cross === 0 && SECONDARY.test(s.description) ? 1 : 0;
  return [image, cross, secondary, -(s.numberOfInstances ?? 0)];
}

function compare(a: SeriesSummary, b: SeriesSummary): number {
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) {
    const d = (ra[i] ?? 0) - (rb[i] ?? 0);
    if (d !== 0) return d;
  }
  return bySeriesNumber(a, b);
}

function bySeriesNumber(a: SeriesSummary, b: SeriesSummary): number {
  const na = a.seriesNumber ?? Number.MAX_SAFE_INTEGER;
  const nb = b.seriesNumber ?? Number.MAX_SAFE_INTEGER;
  if (na !== nb) return na - nb;
  return a.seriesInstanceUID < b.seriesInstanceUID
    ? -1
    : a.seriesInstanceUID > b.seriesInstanceUID
      ? 1
      : 0;
}

/**
 * The series to open first; null when the study has nothing to show in a viewport (no
 * image series, no segmentation or dose grid to explain).
 */
export function seriesToShowFirst<T extends SeriesSummary>(series: readonly T[]): T | null {
  const images = series.filter((s) => isImageModality(s.modality));
  // A study holding only a segmentation or a dose grid opens on it, so that its viewport
  // says what it is, rather than the study being called empty.
  if (images.length === 0) return series.find((s) => derivedKind(s.modality) !== null) ?? null;
  return [...images].sort(compare)[0] ?? null;
}

/** The series panel's order: acquisition order (series number), images before documents. */
export function orderForPanel<T extends SeriesSummary>(series: readonly T[]): T[] {
  return [...series].sort((a, b) => {
    const ia = isImageModality(a.modality) ? 0 : 1;
    const ib = isImageModality(b.modality) ? 0 : 1;
    return ia !== ib ? ia - ib : bySeriesNumber(a, b);
  });
}

/** The order in which the other series' metadata and frames are fetched after the first. */
export function backgroundLoadOrder<T extends SeriesSummary>(
  series: readonly T[],
  first: T | null,
): T[] {
  return series.filter((s) => s !== first && isImageModality(s.modality)).sort(compare);
}
