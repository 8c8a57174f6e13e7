// Hands a series' WADO-RS metadata to the image loader before any of its frames is asked
// for. Two quirks of real sources are mended here (STACK-NOTES.md): palette-colour LUT data
// comes only as a BulkDataURI (inlined, or palette US shows nothing), and the
// TransferSyntaxUID is absent (the loader reads it from each frame part instead).
import { wadors } from '@cornerstonejs/dicom-image-loader';
import type { DicomDataset } from '../../domain/dicom/dicomJson';
import { pixelDataMayStandInForFrame } from '../../domain/viewer/subsampledColour';
import { authorizationHeader, currentAccessToken } from '../api/accessToken';
import { frameImageId } from './frameImageId';
import { firstPart } from './multipartBody';
import type { SuvScaling } from '../../domain/viewer/petSuv';
import { forgetNmSpacing, registerNmSpacing } from './nmCalibration';
import { forgetPetScaling, registerPetScaling } from './petScaling';
import { registerPixelDataStandIn } from './pixelDataStandIn';

const PALETTE_DATA_TAGS = ['00281201', '00281202', '00281203'] as const;
const SOP_INSTANCE_UID = '00080018';
const MODALITY = '00080060';
const PIXEL_DATA = '7FE00010';

type Element = { vr?: string; Value?: unknown[]; BulkDataURI?: string; InlineBinary?: string };

/** A BulkDataURI is followed only on this page's own origin: the gateway, never a source. */
function sameOriginPath(uri: string, origin: string): string | null {
  try {
    const url = new URL(uri, origin);
    return url.origin === origin ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}

function words(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) out.push(view.getUint16(i, true));
  return out;
}

function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function inlinePaletteData(
  ds: Record<string, unknown>,
  origin: string,
  accessToken: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  for (const tag of PALETTE_DATA_TAGS) {
    const el = ds[tag] as Element | undefined;
    if (!el || Array.isArray(el.Value)) continue;
    if (typeof el.InlineBinary === 'string') {
      ds[tag] = { vr: 'US', Value: words(base64Bytes(el.InlineBinary)) };
      continue;
    }
    if (typeof el.BulkDataURI !== 'string') continue;
    const path = sameOriginPath(el.BulkDataURI, origin);
    if (!path) continue;
    const res = await fetch(path, {
      headers: {
        Accept: 'multipart/related; type="application/octet-stream"',
        ...authorizationHeader(accessToken),
      },
      credentials: 'omit',
      ...(signal ? { signal } : {}),
    });
    if (!res.ok) throw new Error(`palette LUT: HTTP ${res.status}`);
    const body = new Uint8Array(await res.arrayBuffer());
    ds[tag] = { vr: 'US', Value: words(firstPart(res.headers.get('content-type') ?? '', body)) };
  }
}

export interface SeriesAddress {
  sourceId: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
}

/**
 * Registers every instance's metadata under its frames' image ids. Metadata objects are
 * copied, so the caller's DICOM JSON stays as the source sent it.
 */
export async function registerSeries(
  address: SeriesAddress,
  instances: readonly DicomDataset[],
  options: {
    origin: string;
    /** The signed-in user's when not said (lib/api/accessToken.ts). */
    accessToken?: string;
    signal?: AbortSignal;
    /** A PET's SUVbw factors (domain/viewer/petSuv.ts): its frames then load in SUV. */
    suv?: SuvScaling;
  },
): Promise<void> {
  if (options.suv) {
    const sops = instances.map((ds) => (ds[SOP_INSTANCE_UID] as Element | undefined)?.Value?.[0]);
    registerPetScaling(
      address,
      options.origin,
      options.suv,
      sops.filter((s): s is string => typeof s === 'string'),
    );
  }
  await Promise.all(
    instances.map(async (original) => {
      const ds: Record<string, unknown> = { ...original };
      const sop = (ds[SOP_INSTANCE_UID] as Element | undefined)?.Value?.[0];
      if (typeof sop !== 'string') return;
      const token = options.accessToken ?? currentAccessToken() ?? '';
      await inlinePaletteData(ds, options.origin, token, options.signal);
      // The loader reads Modality unguarded (NM geometry, when there is no orientation) and
      // throws on a file without one: it is given an empty one instead.
      if (typeof (ds[MODALITY] as Element | undefined)?.Value?.[0] !== 'string') {
        ds[MODALITY] = { vr: 'CS', Value: [''] };
      }
      // Frame 1's entry serves every frame: the loader derives a multi-frame instance's
      // other frames from it.
      const firstFrame = frameImageId(
        { ...address, sopInstanceUID: sop, frame: 1 },
        options.origin,
      );
      wadors.metaDataManager.add(
        firstFrame,
        ds as Parameters<typeof wadors.metaDataManager.add>[1],
      );
      registerNmSpacing(firstFrame, ds);
      if (pixelDataMayStandInForFrame(ds)) {
        const bulk = (ds[PIXEL_DATA] as Element | undefined)?.BulkDataURI;
        const path = typeof bulk === 'string' ? sameOriginPath(bulk, options.origin) : null;
        if (path) registerPixelDataStandIn(firstFrame, path, ds);
      }
    }),
  );
}

/**
 * Forgets every instance's metadata handed to the loader: names, UIDs and dates must not
 * outlive the session they were fetched for (called at each end of session).
 */
export function forgetRegisteredSeries(): void {
  wadors.metaDataManager.purge();
  forgetPetScaling();
  forgetNmSpacing();
}
