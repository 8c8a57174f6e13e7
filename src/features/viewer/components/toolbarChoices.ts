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
