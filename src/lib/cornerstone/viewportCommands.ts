// What the toolbar and the keyboard do to a stack view, as plain functions on its viewport:
// whoever holds a viewport (the active view, or every view paired with it when studies are
// compared) calls the same function on each.
import type { Types } from '@cornerstonejs/core';
import { utilities as toolUtilities } from '@cornerstonejs/tools';
import { rangeOfWindow } from '../../domain/viewer/windowPresets';

export type StackViewport = Types.IStackViewport;

/** Moves through the stack, stopping at either end. */
export function scrollBy(vp: StackViewport, delta: number): void {
  goTo(vp, vp.getCurrentImageIdIndex() + delta);
}

export function goTo(vp: StackViewport, target: number | 'first' | 'last'): void {
  const count = vp.getImageIds().length;
  if (count === 0) return;
  const last = count - 1;
  const next =
    target === 'first' ? 0 : target === 'last' ? last : Math.min(last, Math.max(0, target));
  void vp.setImageIdIndex(next);
}

export function applyWindow(vp: StackViewport, window: { width: number; center: number }): void {
  vp.setProperties({ voiRange: rangeOfWindow(window.width, window.center) });
  vp.render();
}

export function toggleInvert(vp: StackViewport): void {
  vp.setProperties({ invert: !(vp.getProperties().invert ?? false) });
  vp.render();
}

/** A quarter turn clockwise, as the user sees it. */
export function rotateClockwise(vp: StackViewport): void {
  const rotation = vp.getViewPresentation().rotation ?? 0;
  vp.setViewPresentation({ rotation: (rotation + 90) % 360 });
  vp.render();
}

export function toggleFlipHorizontal(vp: StackViewport): void {
  vp.setCamera({ flipHorizontal: !(vp.getCamera().flipHorizontal ?? false) });
  vp.render();
}

export function toggleFlipVertical(vp: StackViewport): void {
  vp.setCamera({ flipVertical: !(vp.getCamera().flipVertical ?? false) });
  vp.render();
}

/** How a view hangs its image: mirrored as a hanging protocol asks (mammography). */
export interface Flips {
  flipHorizontal: boolean;
  flipVertical: boolean;
}

export const AS_STORED: Flips = { flipHorizontal: false, flipVertical: false };

export function setFlips(vp: StackViewport, flips: Flips): void {
  const camera = vp.getCamera();
  if (
    (camera.flipHorizontal ?? false) === flips.flipHorizontal &&
    (camera.flipVertical ?? false) === flips.flipVertical
  ) {
    return;
  }
  vp.setCamera({ flipHorizontal: flips.flipHorizontal, flipVertical: flips.flipVertical });
  vp.render();
}

/**
 * Camera and image properties back to how the series opened (window, invert, zoom…), hung
 * as its view hangs it (`flips`: a mammogram stays mirrored).
 */
export function resetView(vp: StackViewport, flips: Flips = AS_STORED): void {
  vp.resetCamera();
  vp.resetProperties();
  if (flips.flipHorizontal || flips.flipVertical) vp.setCamera({ ...flips });
  vp.render();
}

export function setCine(vp: StackViewport, playing: boolean, fps: number): void {
  stopCine(vp.element, vp.id);
  if (playing) toolUtilities.cine.playClip(vp.element, { framesPerSecond: fps, loop: true });
}

export function stopCine(element: HTMLDivElement, viewportId: string): void {
  try {
    toolUtilities.cine.stopClip(element, { stopDynamicCine: true, viewportId });
  } catch {
    // Not playing, or no longer a viewport.
  }
}
