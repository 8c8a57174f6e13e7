// How frames are asked of a source and mended before the image loader decodes them, by
// the transfer syntax each answer says it is in (rules: domain/viewer/transferSyntaxRules.ts
// and jpeg2000Stream.ts):
// - every frame is first asked as stored (`transfer-syntax=*`, the loader's default);
// - when the source cannot send it so (5xx), or sends a syntax the browser decodes wrong
//   (JPEG 12-bit), it is asked again in explicit little endian, which the source decodes —
//   and every later frame of that instance is asked so from the start;
// - a JPEG 2000 frame whose stream contradicts PixelRepresentation about the sign is decoded
//   here and handed to the loader as native little endian, read by PixelRepresentation.
import { imageLoader, metaData, type Types } from '@cornerstonejs/core';
import { decoders, wadors } from '@cornerstonejs/dicom-image-loader';
import { onLogout } from '../auth/onLogout';
import { jpeg2000Header, signednessDiffers } from '../../domain/viewer/jpeg2000Stream';
import { storedPixelBytes } from '../../domain/viewer/storedPixelBytes';
import {
  EXPLICIT_VR_LITTLE_ENDIAN,
  askSourceToDecode,
  isJpeg2000,
  sourceCouldNotSendAsStored,
  transferSyntaxOf,
} from '../../domain/viewer/transferSyntaxRules';
import { instanceOfImageId } from './frameImageId';
import { boundaryOf, firstPartOf, onePartBody } from './multipartBody';

const EXPLICIT_LITTLE_ENDIAN_ACCEPT = `multipart/related; type=application/octet-stream; transfer-syntax=${EXPLICIT_VR_LITTLE_ENDIAN}`;
const NATIVE_PART_TYPE = `application/octet-stream; transfer-syntax=${EXPLICIT_VR_LITTLE_ENDIAN}`;

/** Instances (their WADO-RS URL) whose frames are asked in explicit little endian. */
const explicitLittleEndian = new Set<string>();
/** Which image a loader request is for: beforeProcessing is only handed the XHR. */
const requests = new WeakMap<XMLHttpRequest, string>();

/** Asks every frame of this image's instance in explicit little endian from now on. */
export function preferExplicitLittleEndian(imageId: string): void {
  explicitLittleEndian.add(instanceOfImageId(imageId));
}

/** For the loader's beforeSend: the Accept header this frame request needs, if not its own. */
export function frameRequestHeaders(xhr: XMLHttpRequest, imageId: string): Record<string, string> {
  requests.set(xhr, imageId);
  return explicitLittleEndian.has(instanceOfImageId(imageId))
    ? { Accept: EXPLICIT_LITTLE_ENDIAN_ACCEPT }
    : {};
}

/** Not an error a user sees: the loader's request is retried in explicit little endian. */
class AskAgainDecodedBySource extends Error {}

// One frame at a time: the codec hands back a view of its own memory, which the next
// decode overwrites.
let decoding: Promise<unknown> = Promise.resolve();

async function nativeFromJpeg2000(
  data: Uint8Array,
  bitsAllocated: number,
  bitsStored: number,
): Promise<Uint8Array | null> {
  const task = decoding.then(async () => {
    const decoded = await decoders.JPEG2000(data, {});
    const samples = decoded.pixelData as ArrayLike<number> | undefined;
    return samples ? storedPixelBytes(samples, bitsAllocated, bitsStored) : null;
  });
  decoding = task.catch(() => undefined);
  return task;
}

interface PixelModule {
  bitsAllocated?: number;
  bitsStored?: number;
  pixelRepresentation?: number;
}

/**
 * For the loader's beforeProcessing: the answer's bytes as the loader should decode them.
 * Rejecting makes the loader reject with its XHR; the retry below then asks again.
 */
export async function frameAnswerBytes(xhr: XMLHttpRequest): Promise<ArrayBuffer> {
  const body = xhr.response as ArrayBuffer;
  const imageId = requests.get(xhr);
  if (!imageId) return body;
  const contentType = xhr.getResponseHeader('Content-Type') ?? '';
  let part;
  try {
    part = firstPartOf(contentType, new Uint8Array(body));
  } catch {
    return body; // the loader says what is wrong with it
  }
  const syntax = transferSyntaxOf(part.contentType);
  if (askSourceToDecode(syntax) && !explicitLittleEndian.has(instanceOfImageId(imageId))) {
    preferExplicitLittleEndian(imageId);
    throw new AskAgainDecodedBySource(syntax ?? '');
  }
  if (!isJpeg2000(syntax)) return body;
  const header = jpeg2000Header(part.data);
  const pixel = metaData.get('imagePixelModule', imageId) as PixelModule | undefined;
  const { bitsAllocated, bitsStored, pixelRepresentation } = pixel ?? {};
  if (
    !header ||
    bitsAllocated === undefined ||
    bitsStored === undefined ||
    pixelRepresentation === undefined ||
    !signednessDiffers(header, pixelRepresentation)
  ) {
    return body;
  }
  let native: Uint8Array | null = null;
  try {
    native = await nativeFromJpeg2000(part.data, bitsAllocated, bitsStored);
  } catch {
    // Left to the loader's own decoder, which reports what it cannot decode.
  }
  const boundary = boundaryOf(contentType);
  if (!native || !boundary) return body;
  const rebuilt = onePartBody(boundary, NATIVE_PART_TYPE, native);
  return rebuilt.buffer;
}

function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}

/** The gateway's error code (`{ error: { code } }`) in a failed request's body, if any. */
function errorCodeOf(error: unknown): string | null {
  const response = (error as { response?: unknown } | null)?.response;
  if (!(response instanceof ArrayBuffer) || response.byteLength > 4096) return null;
  try {
    const json = JSON.parse(new TextDecoder().decode(response)) as { error?: { code?: unknown } };
    return typeof json.error?.code === 'string' ? json.error.code : null;
  } catch {
    return null;
  }
}

/**
 * Call once, right after the loader's init and before any other wrapper of `wadors:`:
 * wrappers installed later (pixelDataStandIn.ts) call `wadors.loadImage`, which from now on
 * is this one, so each keeps its own fallback and gets this one too.
 */
export function installFrameRetrieval(): void {
  const direct = wadors.loadImage;
  const load: typeof direct = (imageId, options) => {
    const instance = instanceOfImageId(imageId);
    const askedAsStored = !explicitLittleEndian.has(instance);
    const first = direct(imageId, options);
    return {
      ...first,
      promise: first.promise.catch((error: unknown): Promise<Types.IImage> => {
        const askAgain =
          askedAsStored &&
          (explicitLittleEndian.has(instance) ||
            sourceCouldNotSendAsStored(statusOf(error), errorCodeOf(error)));
        if (!askAgain) throw error;
        explicitLittleEndian.add(instance);
        return direct(imageId, options).promise;
      }),
    };
  };
  wadors.loadImage = load;
  imageLoader.registerImageLoader('wadors', load);
  // Instance URLs name a patient's studies: they do not outlive the session.
  onLogout(() => explicitLittleEndian.clear());
}
