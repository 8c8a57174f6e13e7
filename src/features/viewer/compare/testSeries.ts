// Loaded series for the compare folder's unit tests: an axial stack at given positions, in a
// frame of reference, or a single image — only what the rules read.
import type { LoadedSeries } from '../session/seriesState';

const AXIAL = [1, 0, 0, 0, 1, 0];

export function stackOf(options: {
  uid: string;
  zs: number[];
  frameOfReferenceUID?: string | null;
  modality?: string;
  orientation?: number[];
}): LoadedSeries {
  const { uid, zs, modality = 'CT', orientation = AXIAL } = options;
  const frames = zs.map((z, i) => ({
    sopInstanceUID: `${uid}.${i + 1}`,
    frame: 1,
    instanceNumber: i + 1,
    imagePositionPatient: [0, 0, z],
    imageOrientationPatient: orientation,
  }));
  return {
    frames,
    imageIds: frames.map((f) => `wadors:/${f.sopInstanceUID}/frames/1`),
    summary: {
      seriesInstanceUID: uid,
      modality,
      seriesNumber: 1,
      description: '',
      numberOfInstances: frames.length,
    },
    facts: {
      modality,
      seriesDescription: '',
      seriesNumber: 1,
      studyDescription: '',
      studyDate: null,
      patientName: '',
      patientBirthDate: null,
      patientSex: '',
      rows: 512,
      columns: 512,
      photometricInterpretation: 'MONOCHROME2',
      scale: { kind: 'none' },
      cineFps: null,
      decodedFrameBytes: 512 * 512 * 2,
      isMultiFrame: false,
    },
    placement: {
      frameOfReferenceUID: options.frameOfReferenceUID ?? null,
      sliceThickness: 2.5,
      bodyPartExamined: 'CHEST',
      images: frames.map((f) => ({
        seriesInstanceUID: uid,
        sopInstanceUID: f.sopInstanceUID,
        frame: 1,
        modality,
        viewCode: null,
        laterality: null,
        patientOrientation: null,
        plane: 'axial' as const,
      })),
    },
  };
}
