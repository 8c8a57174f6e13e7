// Window/level presets a radiologist expects per modality. Values are the usual ones of
// CT reading rooms (width / centre in HU); other modalities have no absolute scale, so
// their only "preset" is the one stored in the file.

export type PresetId = 'lung' | 'mediastinum' | 'abdomen' | 'bone' | 'brain';

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

export function presetsFor(modality: string): readonly WindowPreset[] {
  return modality === 'CT' ? CT_PRESETS : [];
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
