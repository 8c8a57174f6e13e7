import { describe, expect, it } from 'vitest';
import { MIN_CHANGED_SHARE, cornerstoneThroughout, judgedCanvas, pickRegions } from './pixelClock';

const box = (x: number, y: number, width: number, height: number, cornerstone = false) => ({
  x,
  y,
  width,
  height,
  cornerstone,
});

describe('which element the pixel clock watches', () => {
  it('the largest candidate, not a thumbnail beside it', () => {
    const thumbnail = box(0, 60, 130, 130);
    const viewport = box(290, 50, 1070, 840, true);
    const { largest, cornerstone } = pickRegions([thumbnail, viewport]);
    expect(largest).toBe(viewport);
    expect(cornerstone).toBe(viewport);
  });

  it('Cornerstone’s canvas is not watched while a preview covers it', () => {
    const canvas = box(0, 50, 1000, 850, true);
    const preview = box(0, 50, 1000, 850);
    expect(pickRegions([canvas, preview]).cornerstone).toBeUndefined();
    // Its region still shows the preview: first study pixels are watched there.
    expect(pickRegions([canvas, preview]).largest).toBeDefined();
    // Once the preview is gone, the canvas is watched.
    expect(pickRegions([canvas]).cornerstone).toBe(canvas);
  });

  it('a small element over a corner of the canvas does not hide it', () => {
    const canvas = box(0, 0, 1000, 800, true);
    const badge = box(0, 0, 200, 200);
    expect(pickRegions([canvas, badge]).cornerstone).toBe(canvas);
  });

  it('nothing to watch on a page without candidates', () => {
    expect(pickRegions([])).toEqual({ largest: undefined, cornerstone: undefined });
  });
});

describe('Cornerstone’s canvas across the frame’s way to the screen', () => {
  const canvas = box(0, 50, 1000, 850, true);
  const preview = box(0, 50, 1000, 850);

  it('is not judged in a frame whose preview the page removed while the frame was on its way', () => {
    // Read after the frame: preview gone. Read before the previous frame: still there.
    expect(cornerstoneThroughout([canvas], [[canvas, preview], [canvas]])).toBeUndefined();
  });

  it('is judged once it was uncovered from before the previous frame until after this one', () => {
    expect(cornerstoneThroughout([canvas], [[canvas], [canvas]])).toBe(canvas);
    // OHIF: no preview ever, the canvas is judged as soon as it is there.
    expect(cornerstoneThroughout([canvas], [])).toBe(canvas);
  });

  it('is not judged while covered now', () => {
    expect(cornerstoneThroughout([canvas, preview], [[canvas]])).toBeUndefined();
  });
});

describe('a canvas drawn in the very frame its preview leaves', () => {
  const canvas = box(0, 50, 1000, 850, true);
  const preview = box(0, 50, 1000, 850);
  // Reads: one completed before the previous frame (preview there), then those begun since.
  const around = [[canvas, preview], [canvas]];

  it('is judged in that frame when the frame changed its region', () => {
    const judged = judgedCanvas([canvas], around, [[canvas]], () => 0.07);
    expect(judged).toEqual({ box: canvas, rule: 'uncovered-since-previous-frame-and-changed' });
  });

  it('is not, when the region shows what the frame before showed (the preview, composited late)', () => {
    expect(judgedCanvas([canvas], around, [[canvas]], () => 0)).toBeUndefined();
    expect(judgedCanvas([canvas], around, [[canvas]], () => MIN_CHANGED_SHARE / 2)).toBeUndefined();
  });

  it('is not, when a read begun since the previous frame still saw the preview', () => {
    expect(
      judgedCanvas([canvas], around, [[canvas, preview], [canvas]], () => 0.07),
    ).toBeUndefined();
  });

  it('is not, without a frame before to compare with', () => {
    expect(judgedCanvas([canvas], around, [[canvas]], null)).toBeUndefined();
  });

  it('uncovered throughout needs no change: the first rule', () => {
    expect(judgedCanvas([canvas], [[canvas]], [[canvas]], () => 0)).toEqual({
      box: canvas,
      rule: 'uncovered-throughout',
    });
  });
});
