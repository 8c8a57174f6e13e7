// Reads a native 4:2:2 colour frame from its instance's PixelData bulk data when the source
// refuses `/frames` for it (Orthanc 1.10), and hands it to the image loader as full-chroma
// YBR — the rules and why are in domain/viewer/subsampledColour.ts. The `wadors:` loader
// is wrapped, not replaced: every other frame takes the loader's own path untouched, and a
// refused frame costs one extra request, only for these instances.
import { imageLoader, type Types } from '@cornerstonejs/core';
import { createImage, wadors } from '@cornerstonejs/dicom-image-loader';
import { num } from '../../domain/dicom/dicomJson';
import { fullResolutionChroma } from '../../domain/viewer/subsampledColour';
import { authorizationHeader } from '../api/accessToken';
import { onLogout } from '../auth/onLogout';
import { firstPart } from './multipartBody';

const ROWS = '00280010';
const COLUMNS = '00280011';
const EXPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

interface StandIn {
  /** Where the loader finds the (YBR_FULL) metadata of the converted frame. */
  imageId: string;
  /** Same-origin path of the PixelData bulk data. */
  path: string;
  rows: number;
  columns: number;
}

/** Frame image id → how to read the same pixels from the bulk data. */
const standIns = new Map<string, StandIn>();

type LoaderMetadata = Parameters<typeof wadors.metaDataManager.add>[1];

/**
 * Lets the bulk data at `path` (same origin) stand in for `frameImageId`. Its metadata is
 * registered once more, as full-chroma YBR, under an id of its own.
 */
export function registerPixelDataStandIn(
  frameImageId: string,
  path: string,
  metadata: Record<string, unknown>,
): void {
  const rows = num(metadata, ROWS);
  const columns = num(metadata, COLUMNS);
  if (!rows || !columns) return;
  const imageId = `${frameImageId}?pixel-data-stand-in`;
  wadors.metaDataManager.add(imageId, {
    ...metadata,
    '00280004': { vr: 'CS', Value: ['YBR_FULL'] },
    '00280006': { vr: 'US', Value: [0] },
  } as LoaderMetadata);
  standIns.set(frameImageId, { imageId, path, rows, columns });
}

/** The loader rejects with its XHR; 400 is the source saying it cannot cut that frame. */
function refusedAsBadRequest(error: unknown): boolean {
  return (error as { status?: unknown } | null)?.status === 400;
}

async function readStandIn(
  standIn: StandIn,
  accessToken: string | null,
  options: Record<string, unknown> | undefined,
): Promise<Types.IImage> {
  const res = await fetch(standIn.path, {
    headers: {
      Accept: 'multipart/related; type="application/octet-stream"',
      ...(accessToken ? authorizationHeader(accessToken) : {}),
    },
    credentials: 'omit',
  });
  if (!res.ok)
    throw Object.assign(new Error(`pixel data: HTTP ${res.status}`), { status: res.status });
  const body = new Uint8Array(await res.arrayBuffer());
  const samples = firstPart(res.headers.get('content-type') ?? '', body);
  const full = fullResolutionChroma(samples, standIn.rows, standIn.columns);
  const image = await createImage(standIn.imageId, full, EXPLICIT_LITTLE_ENDIAN, options ?? {});
  return image as unknown as Types.IImage;
}

/** Call once, after the DICOM image loader's own init registered `wadors:`. */
export function installPixelDataStandIn(accessToken: () => string | null): void {
  // The addresses name a session's studies: they go with it.
  onLogout(() => standIns.clear());
  imageLoader.registerImageLoader('wadors', (imageId, options) => {
    const direct = wadors.loadImage(imageId, options);
    const standIn = standIns.get(imageId);
    if (!standIn) return direct;
    return {
      ...direct,
      promise: direct.promise.catch(async (error: unknown): Promise<Types.IImage> => {
        if (!refusedAsBadRequest(error)) throw error;
        const image = await readStandIn(standIn, accessToken(), options);
        // Cached and displayed under the frame's id, as if /frames had answered.
        image.imageId = imageId;
        return image;
      }),
    };
  });
}
