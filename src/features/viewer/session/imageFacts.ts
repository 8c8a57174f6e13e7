// What a comparison needs from a series' metadata beyond what is drawn: where its slices lie
// (frame of reference, thickness) for slice sync, and, per image, the view, laterality and
// patient orientation hanging protocols place it by (a mammogram's RCC, a chest's PA), read
// once when the series is handed to Cornerstone.
import { num, seq, str, strs, type DicomDataset } from '../../../domain/dicom/dicomJson';
import type { HangingImage } from '../../../domain/viewer/hangingProtocols';
import { planeOf } from '../../../domain/viewer/seriesPairing';
import type { FrameRef } from '../../../domain/viewer/seriesInstances';

const T = {
  SOPInstanceUID: '00080018',
  Modality: '00080060',
  FrameOfReferenceUID: '00200052',
  SliceThickness: '00180050',
  BodyPartExamined: '00180015',
  ImageLaterality: '00200062',
  Laterality: '00200060',
  ViewPosition: '00185101',
  ViewCodeSequence: '00540220',
  CodeValue: '00080100',
  CodeMeaning: '00080104',
  PatientOrientation: '00200020',
  ImageType: '00080008',
  CorrectedImage: '00280051',
} as const;

export interface SeriesPlacement {
  frameOfReferenceUID: string | null;
  sliceThickness: number | null;
  bodyPartExamined: string;
  /** ImageType and CorrectedImage of its first image: tell a PET's AC from its NAC. */
  imageType?: string[];
  correctedImage?: string[];
  /** One per frame, in display order. */
  images: HangingImage[];
}

function lateralityOf(ds: DicomDataset): 'L' | 'R' | null {
  const value = (str(ds, T.ImageLaterality) || str(ds, T.Laterality)).toUpperCase();
  return value === 'L' || value === 'R' ? value : null;
}

/** The view code, else its meaning, else ViewPosition: viewCodes.ts reads every spelling. */
function viewCodeOf(ds: DicomDataset): string | null {
  const [item] = seq(ds, T.ViewCodeSequence);
  const coded = item ? str(item, T.CodeValue) || str(item, T.CodeMeaning) : '';
  return coded || str(ds, T.ViewPosition) || null;
}

function orientationOf(ds: DicomDataset): [string, string] | null {
  const [rows, columns] = strs(ds, T.PatientOrientation);
  return rows && columns ? [rows, columns] : null;
}

export function seriesPlacement(
  seriesInstanceUID: string,
  instances: readonly DicomDataset[],
  frames: readonly FrameRef[],
): SeriesPlacement {
  const bySop = new Map(instances.map((ds) => [str(ds, T.SOPInstanceUID), ds]));
  const [first] = instances;
  return {
    frameOfReferenceUID: (first && str(first, T.FrameOfReferenceUID)) || null,
    sliceThickness: first ? num(first, T.SliceThickness) : null,
    bodyPartExamined: first ? str(first, T.BodyPartExamined) : '',
    imageType: first ? strs(first, T.ImageType) : [],
    correctedImage: first ? strs(first, T.CorrectedImage) : [],
    images: frames.map((f) => {
      const ds = bySop.get(f.sopInstanceUID) ?? {};
      return {
        seriesInstanceUID,
        sopInstanceUID: f.sopInstanceUID,
        frame: f.frame,
        modality: str(ds, T.Modality),
        viewCode: viewCodeOf(ds),
        laterality: lateralityOf(ds),
        patientOrientation: orientationOf(ds),
        plane: planeOf(f.imageOrientationPatient),
      };
    }),
  };
}
