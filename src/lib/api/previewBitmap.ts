// The source's rendering of an image (WADO-RS /rendered), decoded to a bitmap: an answer
// that is not a picture — an HTML error page, a truncated PNG — is refused here, so nothing
// half-drawn ever reaches the screen. One reader for the viewer's preview and the launch's.

/** A 1024² PNG is far smaller; anything bigger is not the preview that was asked for. */
const MAX_BYTES = 8 * 1024 * 1024;

export async function previewBitmapOf(res: Response): Promise<ImageBitmap> {
  const type = res.headers.get('content-type') ?? '';
  if (!/^image\/(png|jpeg)\b/i.test(type)) throw new Error(`not an image: ${type.slice(0, 40)}`);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_BYTES) throw new Error('preview too large');
  const blob = await res.blob();
  if (blob.size > MAX_BYTES) throw new Error('preview too large');
  // Grey levels as sent: no colour management between the source's window and the screen.
  return createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
}
