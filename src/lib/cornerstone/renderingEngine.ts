// The viewer's rendering engine: one per workspace, its single WebGL context shared by every
// view in it (startCornerstone.ts). Made only once Cornerstone has started; pages under test
// get their read-only hook on it at the same moment.
import { RenderingEngine } from '@cornerstonejs/core';
import { annotation } from '@cornerstonejs/tools';
import { installTestHook } from './testHook';

/** The id the end-to-end tests' hook looks viewports up under. */
const VIEWER_ENGINE_ID = 'drim-viewer';

export type ViewerEngine = RenderingEngine;

export function createViewerEngine(): ViewerEngine {
  const engine = new RenderingEngine(VIEWER_ENGINE_ID);
  installTestHook(VIEWER_ENGINE_ID);
  return engine;
}

/** Measurements are Cornerstone's global state: every view's go at once. */
export function clearMeasurements(engine: ViewerEngine): void {
  annotation.state.removeAllAnnotations();
  engine.render();
}
