// The toolbar's pictures, from Lucide (lucide-react: a maintained, ISC-licensed set of
// consistent stroke icons, each its own tree-shaken component — only these reach the
// bundle). An icon never names a control alone: every button says its French name to
// screen readers and in its tooltip.
import {
  Axis3d,
  Circle,
  Columns2,
  Contrast,
  Crosshair,
  Ellipsis,
  Eraser,
  FlipHorizontal2,
  FlipVertical2,
  GitCompareArrows,
  Grid2x2,
  Keyboard,
  Layers,
  Move,
  MoveVertical,
  Pause,
  Play,
  RotateCw,
  Ruler,
  Square,
  SquareDashed,
  SunMoon,
  TriangleRight,
  Undo2,
  ZoomIn,
  type LucideIcon,
} from 'lucide-react';
import type { PrimaryTool } from '../../../lib/cornerstone/viewerTools';
import type { LayoutId, ViewAction } from './toolbarChoices';

export const TOOL_ICONS: Readonly<Record<PrimaryTool, LucideIcon>> = {
  windowLevel: SunMoon,
  pan: Move,
  zoom: ZoomIn,
  scroll: MoveVertical,
  length: Ruler,
  angle: TriangleRight,
  ellipse: Circle,
  rectangle: SquareDashed,
  probe: Crosshair,
};

export const ACTION_ICONS: Readonly<Record<ViewAction, LucideIcon>> = {
  invert: Contrast,
  rotate: RotateCw,
  flipH: FlipHorizontal2,
  flipV: FlipVertical2,
  reset: Undo2,
  clearMeasurements: Eraser,
};

export const LAYOUT_ICONS: Readonly<Record<LayoutId, LucideIcon>> = {
  '1x1': Square,
  '1x2': Columns2,
  '2x2': Grid2x2,
};

export const OTHER_ICONS = {
  play: Play,
  pause: Pause,
  mpr: Axis3d,
  compare: GitCompareArrows,
  fusion: Layers,
  help: Keyboard,
  more: Ellipsis,
} as const satisfies Record<string, LucideIcon>;
