// Window/level presets a radiologist expects per modality. Values are the usual ones of
// CT reading rooms (width / centre in HU), and for a PET in SUVbw the 0–N ranges nuclear
// physicians switch between; other modalities (and a PET in stored units, whose scale is
// the scanner's) have no absolute scale, so their only "preset" is the one stored in the
// file or taken from the data.

export type PresetId =
  'lung' | 'mediastinum' | 'abdomen' | 'bone' | 'brain' | 'suv3' | 'suv5' | 'suv10' | 'suv15';

export interface WindowPreset {
  id: PresetId;
  width: number;
  center: number;
  /** Keyboard shortcut (digits, in the order shown). */
  key: string;
}

const CT_PRESETS: readonly WindowPreset[] = [
  { id: 'lung', width: 1500, center: -600, key: '1' },
  { id: 'mediastinum', width: 350, center: 50, key: '2' },
  { id: 'abdomen', width: 400, center: 40, key: '3' },
  { id: 'bone', width: 2000, center: 500, key: '4' },
  { id: 'brain', width: 80, center: 40, key: '5' },
];

/** 0 to N SUVbw: the lower bound stays at 0, background black (or white, inverted). */
const SUV_PRESETS: readonly WindowPreset[] = [
  { id: 'suv3', width: 3, center: 1.5, key: '1' },
  { id: 'suv5', width: 5, center: 2.5, key: '2' },
  { id: 'suv10', width: 10, center: 5, key: '3' },
  { id: 'suv15', width: 15, center: 7.5, key: '4' },
];

/** `inSuv`: the series' values are SUVbw (a PET whose SUV could be computed). */
export function presetsFor(modality: string, inSuv = false): readonly WindowPreset[] {
  if (modality === 'CT') return CT_PRESETS;
  return modality === 'PT' && inSuv ? SUV_PRESETS : [];
}

export interface VoiRange {
  lower: number;
  upper: number;
}

/** The value range a window shows (linear VOI, PS3.3 C.11.2.1.2, without the half-pixel shift). */
export function rangeOfWindow(width: number, center: number): VoiRange {
  const w = Math.max(1, width);
  return { lower: center - w / 2, upper: center + w / 2 };
}

export function windowOfRange(range: VoiRange): { width: number; center: number } {
  return { width: range.upper - range.lower, center: (range.upper + range.lower) / 2 };
}
