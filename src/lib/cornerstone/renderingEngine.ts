// The viewer's rendering engine: one per workspace, its single WebGL context shared by every
// view in it (startCornerstone.ts). Made only once Cornerstone has started; pages under test
// get their read-only hook on it at the same moment.
//
// Its WebGL context and vtk.js render window take tens of ms of the page's thread (more with
// a software rasteriser): made while the page waits for the network (prepareViewerEngine),
// the engine is handed to the first workspace instead of being made on the way to its first
// image.
import { RenderingEngine, getRenderingEngine } from '@cornerstonejs/core';
import { annotation } from '@cornerstonejs/tools';
import { onLogout } from '../auth/onLogout';
import { installTestHook } from './testHook';

/** The id the end-to-end tests' hook looks viewports up under. */
const VIEWER_ENGINE_ID = 'drim-viewer';

export type ViewerEngine = RenderingEngine;

/** Made ahead of any workspace, not yet handed to one. */
let prepared: ViewerEngine | null = null;
let forgetOnLogout: (() => void) | null = null;

/**
 * Makes the next workspace's engine now, unless an engine (waiting, or a workspace's) is
 * there. A failure (no WebGL) is left for the workspace to meet and say.
 */
export function prepareViewerEngine(): void {
  // One engine under the viewer's id at a time: tools and the test hook find it by id.
  if (getRenderingEngine(VIEWER_ENGINE_ID)) return;
  try {
    prepared = new RenderingEngine(VIEWER_ENGINE_ID);
  } catch {
    prepared = null;
    return;
  }
  forgetOnLogout ??= onLogout(() => {
    prepared?.destroy();
    prepared = null;
  });
}

export function createViewerEngine(): ViewerEngine {
  const engine =
    prepared && !prepared.hasBeenDestroyed ? prepared : new RenderingEngine(VIEWER_ENGINE_ID);
  prepared = null;
  installTestHook(VIEWER_ENGINE_ID);
  return engine;
}

/** Measurements are Cornerstone's global state: every view's go at once. */
export function clearMeasurements(engine: ViewerEngine): void {
  annotation.state.removeAllAnnotations();
  engine.render();
}
