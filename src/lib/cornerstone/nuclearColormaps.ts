// The app's PET/NM colour maps as Cornerstone3D knows them. Grey, inverted grey and the
// rainbow are presets vtk.js ships (Cornerstone resolves a name among them); hot iron is the
// classic 256-entry table Cornerstone keeps for its CPU path (CONSTANTS.CPU_COLORMAPS), handed
// to the GPU path once as a registered colour map — the same table nuclear workstations and
// OHIF's « Hot Iron » draw.
import { CONSTANTS, utilities, type Types } from '@cornerstonejs/core';
import type { NuclearColormap } from '../../domain/viewer/nuclearDisplay';

const HOT_IRON = 'drim_hot_iron';

/** Cornerstone's name of each colour map (ColormapPublic.name). */
const NAMES: Readonly<Record<NuclearColormap, string>> = {
  grey: 'Grayscale',
  // White to black: a map of its own rather than the invert flag, so « Inverser » still
  // inverts whichever map is chosen and the toolbar's choice says what is shown.
  greyInverted: 'X Ray',
  hotIron: HOT_IRON,
  // Black background, then blue → cyan → green → yellow → red → magenta.
  rainbow: 'Rainbow Blended Black',
};

let registered = false;

/** Registers hot iron (once per page); the other maps need nothing. */
export function ensureNuclearColormaps(): void {
  if (registered) return;
  registered = true;
  const colors = CONSTANTS.CPU_COLORMAPS.hotIron?.colors ?? [];
  const last = Math.max(1, colors.length - 1);
  const RGBPoints: number[] = [];
  colors.forEach((c, i) => {
    RGBPoints.push(i / last, (c[0] ?? 0) / 255, (c[1] ?? 0) / 255, (c[2] ?? 0) / 255);
  });
  utilities.colormap.registerColormap({
    ColorSpace: 'RGB',
    Name: HOT_IRON,
    name: HOT_IRON,
    RGBPoints,
  });
}

/** The Cornerstone colour map for one of the app's (stack and volume viewports alike). */
export function cornerstoneColormap(id: NuclearColormap): Types.ColormapPublic {
  ensureNuclearColormaps();
  return { name: NAMES[id] };
}

/**
 * Shows a stack view in a colour map. The invert flag is cleared: a map chosen by name is
 * shown as named.
 */
export function applyColormap(vp: Types.IStackViewport, id: NuclearColormap): void {
  vp.setProperties({ colormap: cornerstoneColormap(id), invert: false });
  vp.render();
}

/**
 * A view that showed a PET or NM keeps its colour map as a property, and Cornerstone puts it
 * back at each new image (StackViewport._setPropertiesFromCache): a series shown after one
 * is given grey explicitly.
 */
export function clearColormap(vp: Types.IStackViewport): void {
  const name = vp.getProperties().colormap?.name;
  if (name === undefined || name === NAMES.grey) return;
  vp.setProperties({ colormap: { name: NAMES.grey } });
  vp.render();
}

/** The app's colour map a stack view shows, null when it shows another (or none set). */
export function colormapOf(vp: Types.IStackViewport): NuclearColormap | null {
  const name = vp.getProperties().colormap?.name;
  const found = (Object.keys(NAMES) as NuclearColormap[]).find((id) => NAMES[id] === name);
  return found ?? null;
}
