// The first image's preview is drawn once, and its canvas moved from the viewer's loading
// frame into the workspace: drawing it again there cost 15–25 ms of the page's thread just
// as the first view was being set up (trace of the IID link, 2026-12-07).
const drawn = new WeakMap<ImageBitmap, HTMLCanvasElement>();

/** The canvas showing `bitmap`, drawn the first time it is asked for; null if it cannot be. */
export function previewCanvasOf(bitmap: ImageBitmap): HTMLCanvasElement | null {
  const known = drawn.get(bitmap);
  // A closed bitmap (its session ended) is shown nowhere again, not even from its canvas.
  if (bitmap.width === 0) {
    if (known) known.width = 0;
    drawn.delete(bitmap);
    return null;
  }
  if (known) return known;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) return null;
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  try {
    context.drawImage(bitmap, 0, 0);
  } catch {
    // Closed meanwhile (the session ended): nothing to show.
    return null;
  }
  drawn.set(bitmap, canvas);
  return canvas;
}
