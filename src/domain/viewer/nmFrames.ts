// What each frame of a multi-frame NM image is (PS3.3 C.8.4.8): the frame increment pointer
// names the vectors that index its frames (DetectorVector, EnergyWindowVector, PhaseVector…),
// and each vector gives, frame by frame, the item of its sequence the frame belongs to. The
// overlay says « Détecteur 1 — fenêtre 1 » from these, so a reader knows which head and
// which photopeak a frame shows.
import { num, seq, str, strs, type DicomDataset } from '../dicom/dicomJson';
import { numbers } from './seriesInstances';

const T = {
  NumberOfFrames: '00280008',
  FrameIncrementPointer: '00280009',
  EnergyWindowVector: '00540010',
  DetectorVector: '00540020',
  EnergyWindowInformationSequence: '00540012',
  EnergyWindowName: '00540018',
  PhaseVector: '00540030',
  TimeSliceVector: '00540100',
  PhaseInformationSequence: '00540032',
  NumberOfFramesInPhase: '00540033',
  PhaseDelay: '00540036',
  PauseBetweenFrames: '00540038',
  ActualFrameDuration: '00181242',
} as const;

export interface NmFrameLabel {
  /** 1-based, as DetectorVector says; null when the file does not say. */
  detector: number | null;
  energyWindow: number | null;
  /** Its energy window's name (EnergyWindowName), '' when none. */
  energyWindowName: string;
  /** Dynamic: when the frame starts from the acquisition's start (ms), null otherwise. */
  startMs: number | null;
}

/** The value of a frame-indexed vector for frame f (1-based), when it is one it indexes. */
function vectorValue(
  ds: DicomDataset,
  tag: string,
  pointers: readonly string[],
  frame: number,
): number | null {
  if (!pointers.includes(tag)) return null;
  const values = numbers(ds, tag);
  const v = values?.[frame - 1];
  return v !== undefined && Number.isInteger(v) && v >= 1 ? v : null;
}

/**
 * Each phase's start (ms from the acquisition's start) and its frames' duration and pause:
 * a phase starts after the previous ones' frames and its own delay (PS3.3 C.8.4.11).
 */
function phaseTimes(ds: DicomDataset): { start: number; step: number }[] | null {
  const phases = seq(ds, T.PhaseInformationSequence);
  if (phases.length === 0) return null;
  const out: { start: number; step: number }[] = [];
  let elapsed = 0;
  for (const phase of phases) {
    const duration = num(phase, T.ActualFrameDuration);
    const frames = num(phase, T.NumberOfFramesInPhase);
    if (duration === null || duration <= 0 || frames === null || frames < 1) return null;
    const step = duration + Math.max(0, num(phase, T.PauseBetweenFrames) ?? 0);
    const start = elapsed + Math.max(0, num(phase, T.PhaseDelay) ?? 0);
    out.push({ start, step });
    elapsed = start + frames * step;
  }
  return out;
}

/**
 * One label per frame of an NM instance, in frame order; [] when it is not a multi-frame NM
 * with a frame increment pointer (nothing to tell its frames apart by).
 */
export function nmFrameLabels(ds: DicomDataset): NmFrameLabel[] {
  const frames = Math.floor(num(ds, T.NumberOfFrames) ?? 1);
  if (frames < 1) return [];
  // AT values come as 8-hex-digit strings in DICOM JSON; some servers send the lower case.
  const pointers = strs(ds, T.FrameIncrementPointer).map((p) => p.toUpperCase());
  if (pointers.length === 0) return [];
  const windows = seq(ds, T.EnergyWindowInformationSequence);
  const phases = phaseTimes(ds);
  const out: NmFrameLabel[] = [];
  for (let f = 1; f <= frames; f++) {
    const energyWindow = vectorValue(ds, T.EnergyWindowVector, pointers, f);
    const item = energyWindow !== null ? windows[energyWindow - 1] : undefined;
    const phase = vectorValue(ds, T.PhaseVector, pointers, f);
    const slice = vectorValue(ds, T.TimeSliceVector, pointers, f);
    const times = phase !== null && phases ? phases[phase - 1] : undefined;
    out.push({
      detector: vectorValue(ds, T.DetectorVector, pointers, f),
      energyWindow,
      energyWindowName: item ? str(item, T.EnergyWindowName) : '',
      startMs: times && slice !== null ? times.start + (slice - 1) * times.step : null,
    });
  }
  return out;
}
