// A derived object's pixel data (SEG label maps, RTDOSE grids), fetched from the BulkDataURI
// its metadata gives: through the gateway only (the URI is followed on the page's own origin,
// never a source's), with the signed-in user's token like every other request.
import type { DicomDataset } from '../../../domain/dicom/dicomJson';
import { authorizationHeader, currentAccessToken } from '../../../lib/api/accessToken';
import { firstPart } from '../../../lib/cornerstone/multipartBody';

const PIXEL_DATA = '7FE00010';

type Element = { BulkDataURI?: unknown; InlineBinary?: unknown };

function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The instance's PixelData as stored (uncompressed), or null when it names none. */
export async function fetchPixelData(
  instance: DicomDataset,
  origin: string,
  signal: AbortSignal,
): Promise<Uint8Array | null> {
  const el = instance[PIXEL_DATA] as Element | undefined;
  if (typeof el?.InlineBinary === 'string') return base64Bytes(el.InlineBinary);
  if (typeof el?.BulkDataURI !== 'string') return null;
  const url = new URL(el.BulkDataURI, origin);
  if (url.origin !== origin) return null;
  const token = currentAccessToken() ?? '';
  const res = await fetch(`${url.pathname}${url.search}`, {
    headers: {
      Accept: 'multipart/related; type="application/octet-stream"',
      ...authorizationHeader(token),
    },
    credentials: 'omit',
    signal,
  });
  if (!res.ok) throw new Error(`pixel data: HTTP ${res.status}`);
  const body = new Uint8Array(await res.arrayBuffer());
  return firstPart(res.headers.get('content-type') ?? '', body);
}
