// The series' first image as the source itself can render it (WADO-RS /rendered), shown
// while Cornerstone3D's code loads and its WebGL starts: on a phone or a slow GPU that is
// seconds. The preview must be the very image Cornerstone will draw a moment later — same
// frame, same window, same aspect — or the swap would show. So it is asked for only when
// the source's rendering provably matches Cornerstone's: a greyscale image with square
// pixels and a linear window in its header (the DICOM formula both apply after the rescale;
// MONOCHROME1 then inverted by both), or a MONOCHROME2 one without window (both stretch the
// frame's own min–max). Checked against Orthanc on the sample CT, MG, DX, CR (MONOCHROME1
// too), XA, PT and US: within 0.3 grey level on average. Anything else (colour, lookup
// tables) waits for Cornerstone.
import { num, str, strs, type DicomDataset } from '../dicom/dicomJson';
import type { SeriesContent } from './seriesInstances';

export interface PreviewRequest {
  sopInstanceUID: string;
  frame: number;
  /** The query string of the /rendered request, without `?` ('' for none). */
  query: string;
}

/** Larger images are scaled down by the source: a 4k mammogram is not a quick preview. */
export const PREVIEW_MAX_SIDE = 1024;

const T = {
  SOPInstanceUID: '00080018',
  Modality: '00080060',
  SamplesPerPixel: '00280002',
  PhotometricInterpretation: '00280004',
  Rows: '00280010',
  Columns: '00280011',
  PixelSpacing: '00280030',
  ImagerPixelSpacing: '00181164',
  WindowCenter: '00281050',
  WindowWidth: '00281051',
  VOILUTFunction: '00281056',
  ModalityLUTSequence: '00283000',
  VOILUTSequence: '00283010',
} as const;

/** Without a window in the header, these get a modality default rather than min–max. */
const NO_WINDOW_DEFAULTS = new Set(['PT', 'NM']);

/** Beyond this a header value is nonsense, not a window. */
const LIMIT = 1e7;

function plain(value: number): string {
  return String(Number(value.toFixed(4)));
}

function spacingRatio(ds: DicomDataset): number | null {
  for (const tag of [T.PixelSpacing, T.ImagerPixelSpacing]) {
    const values = strs(ds, tag).map(Number);
    const [row, column] = values;
    if (values.length >= 2 && row && column && row > 0 && column > 0) return row / column;
    // Cornerstone falls back to ImagerPixelSpacing only when PixelSpacing is missing.
    if (strs(ds, tag).length > 0) return null;
  }
  return 1;
}

export function firstImagePreview(
  instances: readonly DicomDataset[],
  content: SeriesContent,
): PreviewRequest | null {
  const first = content.frames[0];
  if (!first) return null;
  const ds = instances.find((i) => str(i, T.SOPInstanceUID) === first.sopInstanceUID);
  if (!ds) return null;
  const photometric = str(ds, T.PhotometricInterpretation);
  if (photometric !== 'MONOCHROME2' && photometric !== 'MONOCHROME1') return null;
  if ((num(ds, T.SamplesPerPixel) ?? 1) !== 1) return null;
  const fn = str(ds, T.VOILUTFunction);
  if (fn !== '' && fn !== 'LINEAR') return null;
  // Lookup tables: whether a source applies them as Cornerstone does is not checked here.
  if (ds[T.ModalityLUTSequence] !== undefined || ds[T.VOILUTSequence] !== undefined) return null;

  const params: string[] = [];
  const hasWindow = ds[T.WindowCenter] !== undefined || ds[T.WindowWidth] !== undefined;
  if (hasWindow) {
    const center = num(ds, T.WindowCenter);
    const width = num(ds, T.WindowWidth);
    if (center === null || width === null) return null;
    if (width < 1 || width > LIMIT || Math.abs(center) > LIMIT) return null;
    params.push(`window=${plain(center)},${plain(width)},linear`);
  } else if (photometric === 'MONOCHROME1' || NO_WINDOW_DEFAULTS.has(str(ds, T.Modality))) {
    // Not checked against a source; and viewers may apply a modality's own default there.
    return null;
  }

  const rows = num(ds, T.Rows);
  const columns = num(ds, T.Columns);
  if (!rows || !columns || rows < 1 || columns < 1 || rows > 65535 || columns > 65535) return null;
  const ratio = spacingRatio(ds);
  if (ratio === null || Math.abs(ratio - 1) > 0.01) return null;

  const side = Math.max(rows, columns);
  if (side > PREVIEW_MAX_SIDE) {
    const scale = PREVIEW_MAX_SIDE / side;
    params.push(
      `viewport=${Math.max(1, Math.round(columns * scale))},${Math.max(1, Math.round(rows * scale))}`,
    );
  }
  return { sopInstanceUID: first.sopInstanceUID, frame: first.frame, query: params.join('&') };
}
