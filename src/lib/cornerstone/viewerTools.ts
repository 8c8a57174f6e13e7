// The viewer's interaction tools and their bindings. Two tool groups: one for stack
// viewports (2D reading and measurement) and one for MPR viewports (crosshairs link the
// three planes). The left button / one finger does what the toolbar selected; the wheel
// scrolls; right drag zooms, middle drag pans; two fingers pinch-zoom and pan.
import {
  AngleTool,
  CrosshairsTool,
  EllipticalROITool,
  Enums as ToolEnums,
  LengthTool,
  PanTool,
  ProbeTool,
  RectangleROITool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  addTool,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import {
  angleLines,
  areaLines,
  lengthLines,
  probeLines,
  type MeasurementLabels,
  type MeasurementStats,
} from '../../domain/viewer/measurementText';
import { i18n } from '../i18n';
import { StackProbeTool } from './stackProbeTool';

export const STACK_TOOL_GROUP = 'drim-stack';
export const MPR_TOOL_GROUP = 'drim-mpr';

/** What the primary button (or one finger) does; the toolbar's choices. */
export type PrimaryTool =
  | 'windowLevel'
  | 'pan'
  | 'zoom'
  | 'scroll'
  | 'length'
  | 'angle'
  | 'ellipse'
  | 'rectangle'
  | 'probe';

export const PRIMARY_TOOL_NAMES: Readonly<Record<PrimaryTool, string>> = {
  windowLevel: WindowLevelTool.toolName,
  pan: PanTool.toolName,
  zoom: ZoomTool.toolName,
  scroll: StackScrollTool.toolName,
  length: LengthTool.toolName,
  angle: AngleTool.toolName,
  ellipse: EllipticalROITool.toolName,
  rectangle: RectangleROITool.toolName,
  probe: ProbeTool.toolName,
};

export const MEASUREMENT_TOOL_NAMES = [
  LengthTool.toolName,
  AngleTool.toolName,
  EllipticalROITool.toolName,
  RectangleROITool.toolName,
  ProbeTool.toolName,
];

const { MouseBindings } = ToolEnums;

type TextLines = (stats: MeasurementStats, labels: MeasurementLabels, language: string) => string[];

/** Cornerstone's `getTextLines`, written in the reader's language at each redraw. */
function textLines(lines: TextLines) {
  return (data: { cachedStats?: Record<string, MeasurementStats> }, targetId: string) => {
    const stats = data.cachedStats?.[targetId];
    if (!stats) return [];
    const labels: MeasurementLabels = {
      area: i18n.t('viewer.measure.area'),
      mean: i18n.t('viewer.measure.mean'),
      stdDev: i18n.t('viewer.measure.stdDev'),
      minMax: i18n.t('viewer.measure.minMax'),
      pixel: i18n.t('viewer.measure.pixel'),
    };
    return lines(stats, labels, i18n.language);
  };
}

const MEASUREMENT_TEXT: Readonly<Record<string, TextLines>> = {
  [LengthTool.toolName]: (stats, _labels, language) => lengthLines(stats, language),
  [AngleTool.toolName]: (stats, _labels, language) => angleLines(stats, language),
  [EllipticalROITool.toolName]: areaLines,
  [RectangleROITool.toolName]: areaLines,
  [ProbeTool.toolName]: probeLines,
};

function configurationOf(name: string): Record<string, unknown> {
  // Pinch zooms and, with two fingers moving together, pans (touch screens).
  if (name === ZoomTool.toolName) return { pinchToZoom: true, pan: true };
  const text = MEASUREMENT_TEXT[name];
  return text ? { getTextLines: textLines(text) } : {};
}

let registered = false;

export function registerViewerTools(): void {
  if (registered) return;
  registered = true;
  for (const tool of [
    WindowLevelTool,
    PanTool,
    ZoomTool,
    StackScrollTool,
    LengthTool,
    AngleTool,
    EllipticalROITool,
    RectangleROITool,
    // Cornerstone's ProbeTool reads nothing past a stack's first image (stackProbeTool.ts).
    StackProbeTool,
    CrosshairsTool,
  ]) {
    addTool(tool);
  }

  const stack = ToolGroupManager.createToolGroup(STACK_TOOL_GROUP);
  if (stack) {
    for (const name of Object.values(PRIMARY_TOOL_NAMES)) {
      stack.addTool(name, configurationOf(name));
    }
    applyStackBindings(stack, 'windowLevel');
  }

  const mpr = ToolGroupManager.createToolGroup(MPR_TOOL_GROUP);
  if (mpr) {
    mpr.addTool(CrosshairsTool.toolName);
    mpr.addTool(WindowLevelTool.toolName);
    mpr.addTool(PanTool.toolName);
    mpr.addTool(ZoomTool.toolName, { pinchToZoom: true, pan: true });
    mpr.addTool(StackScrollTool.toolName);
    mpr.setToolActive(CrosshairsTool.toolName, {
      bindings: [{ mouseButton: MouseBindings.Primary }],
    });
    mpr.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
    mpr.setToolActive(ZoomTool.toolName, {
      bindings: [{ mouseButton: MouseBindings.Secondary }, { numTouchPoints: 2 }],
    });
    mpr.setToolActive(StackScrollTool.toolName, {
      bindings: [{ mouseButton: MouseBindings.Wheel }],
    });
  }
}

function applyStackBindings(group: ToolTypes.IToolGroup, primary: PrimaryTool): void {
  const primaryName = PRIMARY_TOOL_NAMES[primary];
  // Measurements stay visible (passive) while another tool is in use.
  for (const name of MEASUREMENT_TOOL_NAMES) group.setToolPassive(name);
  for (const name of [
    WindowLevelTool.toolName,
    PanTool.toolName,
    ZoomTool.toolName,
    StackScrollTool.toolName,
  ]) {
    group.setToolDisabled(name);
  }
  const bindings = new Map<string, ToolTypes.IToolBinding[]>();
  const bind = (name: string, binding: ToolTypes.IToolBinding) =>
    bindings.set(name, [...(bindings.get(name) ?? []), binding]);
  bind(primaryName, { mouseButton: MouseBindings.Primary });
  bind(PanTool.toolName, { mouseButton: MouseBindings.Auxiliary });
  bind(ZoomTool.toolName, { mouseButton: MouseBindings.Secondary });
  bind(ZoomTool.toolName, { numTouchPoints: 2 });
  bind(StackScrollTool.toolName, { mouseButton: MouseBindings.Wheel });
  for (const [name, list] of bindings) group.setToolActive(name, { bindings: list });
}

export function setPrimaryTool(primary: PrimaryTool): void {
  const group = ToolGroupManager.getToolGroup(STACK_TOOL_GROUP);
  if (group) applyStackBindings(group, primary);
}
