// What the toolbar offers, in its order. The keys that choose each are in ../keyBindings.ts.
import type { PrimaryTool } from '../../../lib/cornerstone/viewerTools';

export type LayoutId = '1x1' | '1x2' | '2x2';
export const LAYOUTS: readonly LayoutId[] = ['1x1', '1x2', '2x2'];

export const TOOLS: readonly PrimaryTool[] = [
  'windowLevel',
  'pan',
  'zoom',
  'scroll',
  'length',
  'angle',
  'ellipse',
  'rectangle',
  'probe',
];

/** One-shot changes of the view (no state of their own), in toolbar order. */
export type ViewAction = 'invert' | 'rotate' | 'flipH' | 'flipV' | 'reset' | 'clearMeasurements';

export interface ViewActionChoice {
  id: ViewAction;
  /** Its test id, kept from before the table (e2e specs find buttons by it). */
  testId: string;
}

export const VIEW_ACTIONS: readonly ViewActionChoice[] = [
  { id: 'invert', testId: 'tool-invert' },
  { id: 'rotate', testId: 'tool-rotate' },
  { id: 'flipH', testId: 'tool-flip-h' },
  { id: 'flipV', testId: 'tool-flip-v' },
  { id: 'reset', testId: 'tool-reset' },
  { id: 'clearMeasurements', testId: 'tool-clear' },
];
