// The source's rendering of an image (WADO-RS /rendered), decoded to a bitmap: an answer
// that is not a picture — an HTML error page, a truncated PNG — is refused here, so nothing
// half-drawn ever reaches the screen. One reader for the viewer's preview and the launch's
// (in the page or in its worker: lib/launchPreview/previewWorker.ts).

/** A 1024² PNG is far smaller; anything bigger is not the preview that was asked for. */
const MAX_BYTES = 8 * 1024 * 1024;

/** Why these headers do not announce the preview asked for; null when they do. */
export function previewHeadersProblem(headers: Headers): string | null {
  const type = headers.get('content-type') ?? '';
  if (!/^image\/(png|jpeg)\b/i.test(type)) return `not an image: ${type.slice(0, 40)}`;
  const declared = Number(headers.get('content-length') ?? '0');
  return declared > MAX_BYTES ? 'preview too large' : null;
}

export function decodePreview(blob: Blob): Promise<ImageBitmap> {
  if (blob.size > MAX_BYTES) return Promise.reject(new Error('preview too large'));
  // Grey levels as sent: no colour management between the source's window and the screen.
  return createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
}

export async function previewBitmapOf(res: Response): Promise<ImageBitmap> {
  const problem = previewHeadersProblem(res.headers);
  if (problem) throw new Error(problem);
  return decodePreview(await res.blob());
}
