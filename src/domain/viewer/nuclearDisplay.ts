// How PET and NM images are looked at: the colour maps a nuclear physician switches between
// and the one a series opens in, and the SUV windows. Cornerstone's names for the maps are
// lib/cornerstone/nuclearColormaps.ts's business; these are the app's.

export type NuclearColormap = 'greyInverted' | 'grey' | 'hotIron' | 'rainbow';

/** In the order the toolbar offers them. */
export const NUCLEAR_COLORMAPS: readonly NuclearColormap[] = [
  'greyInverted',
  'grey',
  'hotIron',
  'rainbow',
];

/** PET and NM views have the colour map choice; other modalities keep their grey. */
export function hasNuclearColormaps(modality: string): boolean {
  return modality === 'PT' || modality === 'NM';
}

/**
 * A PET or NM view opens in inverted grey (uptake dark on white), as whole-body PET and
 * planar scintigraphy are read and as OHIF opens a PET alone; hot iron is for the fused view,
 * where the PET lies over a grey CT and must not be mistaken for it.
 */
export function defaultColormap(modality: string): NuclearColormap | null {
  return hasNuclearColormaps(modality) ? 'greyInverted' : null;
}

/** A view of PET in SUVbw opens on 0–5 (Cornerstone's default for a PET in SUV, too). */
export const DEFAULT_SUV_WINDOW = { lower: 0, upper: 5 } as const;
