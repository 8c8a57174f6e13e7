// What the toolbar offers, in its order, and to whom. The keys that choose each are in
// ../keyBindings.ts; the icons in ./toolbarIcons.ts.
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

/**
 * Who the toolbar is for. A patient reads their own images to understand them, not to
 * make a diagnosis: looking around (contrast, move, zoom, scroll) and the presets, no
 * measurement, MPR, layout or comparison — fewer controls, each one understood.
 */
export type ToolbarAudience = 'professional' | 'patient';

const PATIENT_TOOLS: ReadonlySet<PrimaryTool> = new Set(['windowLevel', 'pan', 'zoom', 'scroll']);
const PATIENT_ACTIONS: ReadonlySet<ViewAction> = new Set(['invert', 'reset']);

export function toolsFor(audience: ToolbarAudience): readonly PrimaryTool[] {
  return audience === 'patient' ? TOOLS.filter((t) => PATIENT_TOOLS.has(t)) : TOOLS;
}

export function viewActionsFor(audience: ToolbarAudience): readonly ViewActionChoice[] {
  return audience === 'patient'
    ? VIEW_ACTIONS.filter((a) => PATIENT_ACTIONS.has(a.id))
    : VIEW_ACTIONS;
}

/**
 * The tools that stay in the toolbar's row on a narrow screen (a phone): looking around.
 * The others wait behind « Plus d’outils », one tap away, so the image keeps its height.
 */
export function staysInNarrowRow(tool: PrimaryTool): boolean {
  return PATIENT_TOOLS.has(tool);
}
