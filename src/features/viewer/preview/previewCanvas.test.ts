import { afterEach, describe, expect, it, vi } from 'vitest';
import { previewCanvasOf } from './previewCanvas';

interface FakeCanvas {
  width: number;
  height: number;
  draws: number;
  getContext: (kind: string) => { drawImage: () => void } | null;
}

/** A page whose canvases count their draws; `drawFails` makes drawImage throw, as on a closed bitmap. */
function fakePage({ withContext = true, drawFails = false } = {}): FakeCanvas[] {
  const made: FakeCanvas[] = [];
  vi.stubGlobal('document', {
    createElement: (tag: string) => {
      if (tag !== 'canvas') throw new Error(tag);
      const canvas: FakeCanvas = {
        width: 300,
        height: 150,
        draws: 0,
        getContext: () =>
          withContext
            ? {
                drawImage: () => {
                  if (drawFails) throw new Error('InvalidStateError');
                  canvas.draws += 1;
                },
              }
            : null,
      };
      made.push(canvas);
      return canvas;
    },
  });
  return made;
}

const bitmap = (width = 512, height = 512) => ({ width, height }) as ImageBitmap;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('previewCanvasOf', () => {
  it('draws a bitmap once, at its size, and hands the same canvas to every host', () => {
    const made = fakePage();
    const image = bitmap(512, 400);
    const first = previewCanvasOf(image);
    expect(previewCanvasOf(image)).toBe(first);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ width: 512, height: 400, draws: 1 });
    // Another bitmap (another study's preview) gets a canvas of its own.
    expect(previewCanvasOf(bitmap())).not.toBe(first);
  });

  it('shows a closed bitmap nowhere again, and empties the canvas it was drawn in', () => {
    const made = fakePage();
    const image = { width: 512, height: 512 };
    expect(previewCanvasOf(image as ImageBitmap)).not.toBeNull();
    // ImageBitmap.close() leaves a bitmap of width and height 0.
    Object.assign(image, { width: 0, height: 0 });
    expect(previewCanvasOf(image as ImageBitmap)).toBeNull();
    expect(made[0]?.width).toBe(0);
  });

  it('shows nothing when the bitmap cannot be drawn or the page has no 2D canvas', () => {
    fakePage({ drawFails: true });
    expect(previewCanvasOf(bitmap())).toBeNull();
    fakePage({ withContext: false });
    expect(previewCanvasOf(bitmap())).toBeNull();
  });
});
