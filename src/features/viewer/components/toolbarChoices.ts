// What the toolbar offers and the keys that choose it (shared with the keyboard handler).
import type { PrimaryTool } from '../../../lib/cornerstone/viewerTools';

export type LayoutId = '1x1' | '1x2' | '2x2';
export const LAYOUTS: readonly LayoutId[] = ['1x1', '1x2', '2x2'];

export const TOOLS: readonly { id: PrimaryTool; key: string }[] = [
  { id: 'windowLevel', key: 'W' },
  { id: 'pan', key: 'P' },
  { id: 'zoom', key: 'Z' },
  { id: 'scroll', key: 'S' },
  { id: 'length', key: 'L' },
  { id: 'angle', key: 'A' },
  { id: 'ellipse', key: 'E' },
  { id: 'rectangle', key: 'B' },
  { id: 'probe', key: 'O' },
];

export const TOOL_KEYS: Readonly<Record<string, PrimaryTool>> = Object.fromEntries(
  TOOLS.map((tool) => [tool.key.toLowerCase(), tool.id]),
);

/** One-shot changes of the view (no state of their own), in toolbar order. */
export type ViewAction = 'invert' | 'rotate' | 'flipH' | 'flipV' | 'reset' | 'clearMeasurements';

export interface ViewActionChoice {
  id: ViewAction;
  /** Its test id, kept from before the table (e2e specs find buttons by it). */
  testId: string;
  /** The key a user presses (shown in the tooltip) and its `aria-keyshortcuts` name. */
  shortcut?: { shown: string; aria: string };
}

export const VIEW_ACTIONS: readonly ViewActionChoice[] = [
  { id: 'invert', testId: 'tool-invert', shortcut: { shown: 'I', aria: 'I' } },
  { id: 'rotate', testId: 'tool-rotate', shortcut: { shown: 'R', aria: 'R' } },
  { id: 'flipH', testId: 'tool-flip-h', shortcut: { shown: 'H', aria: 'H' } },
  { id: 'flipV', testId: 'tool-flip-v', shortcut: { shown: 'V', aria: 'V' } },
  { id: 'reset', testId: 'tool-reset', shortcut: { shown: 'Esc', aria: 'Escape' } },
  { id: 'clearMeasurements', testId: 'tool-clear' },
];

/** Key (lower case, as `KeyboardEvent.key`) → the view action it runs. */
export const VIEW_ACTION_KEYS: Readonly<Record<string, ViewAction>> = Object.fromEntries(
  VIEW_ACTIONS.flatMap(({ id, shortcut }) => (shortcut ? [[shortcut.aria.toLowerCase(), id]] : [])),
);
