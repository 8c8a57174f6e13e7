// Studies for the hanging-protocol tests, written as the sample generator writes its files
// (dev/sample-data/plan.ts, dicom-objects.ts) so each rule is tested against what the demo
// region actually holds: mammography with ViewPosition + ViewCodeSequence, ImageLaterality and
// PatientOrientation as mammoDataset writes them; radiographs with ViewPosition and
// PatientOrientation ['L', 'F'] as projectionDataset does; axial CT/MR volumes.
import { REGION } from '../anatomy/regions';
import { isImageModality } from '../dicom/modalities';
import type { HangingImage, HangingStudy } from './hangingProtocols';
import type { PairableSeries, Plane } from './seriesPairing';

type Role = HangingStudy['role'];

export type MammoView = 'RCC' | 'LCC' | 'RMLO' | 'LMLO';

/** phantoms.ts MAMMO_VIEWS order. */
export const MAMMO_VIEWS: readonly MammoView[] = ['RCC', 'LCC', 'RMLO', 'LMLO'];

/** mammoDataset's PatientOrientation: right breast rows towards P, CC columns lateral → medial. */
export function generatedOrientation(view: MammoView): [string, string] {
  const right = view.startsWith('R');
  return view.endsWith('CC') ? [right ? 'P' : 'A', right ? 'L' : 'R'] : [right ? 'P' : 'A', 'F'];
}

/**
 * views.ts mammoOrientation with `chestWallEdge: 'left'` and `obliqueColumn: 'feet-medial'`
 * (dubois-mg-2024, Reims' unit): every view stored with the chest wall on the left edge, the
 * obliques' columns running to the feet and the medial side.
 */
export function chestWallLeftOrientation(view: MammoView): [string, string] {
  const medial = view.startsWith('R') ? 'L' : 'R';
  return view.endsWith('CC') ? ['A', medial] : ['A', `F${medial}`];
}

export function mammographyStudy(
  uid: string,
  role: Role,
  options: {
    views?: readonly MammoView[];
    orientation?: (view: MammoView) => [string, string] | null;
    /** The View Code Sequence's code instead of ViewPosition. */
    viewCodes?: 'viewPosition' | 'snomed';
  } = {},
): HangingStudy {
  const views = options.views ?? MAMMO_VIEWS;
  const orientation = options.orientation ?? generatedOrientation;
  const series = `${uid}.1`;
  const images: HangingImage[] = views.map((view) => {
    const cc = view.endsWith('CC');
    return {
      seriesInstanceUID: series,
      sopInstanceUID: `${series}.${MAMMO_VIEWS.indexOf(view) + 1}`,
      frame: 1,
      modality: 'MG',
      viewCode:
        options.viewCodes === 'snomed' ? (cc ? '399162004' : '399368009') : cc ? 'CC' : 'MLO',
      laterality: view.startsWith('R') ? 'R' : 'L',
      patientOrientation: orientation(view),
      plane: null,
    };
  });
  return {
    role,
    studyInstanceUID: uid,
    modalities: ['DOC', 'MG'],
    regions: [REGION.breast],
    series: [
      {
        seriesInstanceUID: series,
        modality: 'MG',
        description: 'MAMMOGRAPHIE 4 INCIDENCES',
        bodyPartExamined: 'BREAST',
        numberOfInstances: views.length,
        seriesNumber: 1,
      },
      { seriesInstanceUID: `${uid}.99`, modality: 'DOC', description: 'Compte rendu' },
    ],
    images,
  };
}

export interface VolumePlan {
  description: string;
  modality?: string;
  bodyPartExamined?: string;
  plane?: Plane | null;
  slices?: number;
}

/** A cross-sectional study: one image per series stands for its stack (the first frame). */
export function volumeStudy(
  uid: string,
  role: Role,
  regions: string[],
  volumes: readonly VolumePlan[],
): HangingStudy {
  const series: PairableSeries[] = volumes.map((v, i) => ({
    seriesInstanceUID: `${uid}.${i + 1}`,
    modality: v.modality ?? 'CT',
    description: v.description,
    bodyPartExamined: v.bodyPartExamined ?? '',
    numberOfInstances: v.slices ?? 40,
    seriesNumber: i + 1,
  }));
  const images: HangingImage[] = volumes.flatMap((v, i) =>
    isImageModality(v.modality ?? 'CT')
      ? [
          {
            seriesInstanceUID: `${uid}.${i + 1}`,
            sopInstanceUID: `${uid}.${i + 1}.1`,
            frame: 1,
            modality: v.modality ?? 'CT',
            viewCode: null,
            laterality: null,
            patientOrientation: null,
            plane: v.plane === undefined ? 'axial' : v.plane,
          },
        ]
      : [],
  );
  return {
    role,
    studyInstanceUID: uid,
    modalities: [...new Set(series.map((s) => s.modality))],
    regions,
    series,
    images,
  };
}

/** martin's chest CT at Nancy (2026) and its prior at Reims (2024), as plan.ts has them. */
export const MARTIN_CT_2026 = volumeStudy(
  'martin.ct.2026',
  'current',
  [REGION.thorax],
  [
    { description: 'THORAX MEDIASTIN', bodyPartExamined: 'CHEST' },
    { description: 'THORAX PARENCHYME', bodyPartExamined: 'CHEST' },
    { description: 'Coupes de référence', modality: 'KO', plane: null },
    { description: 'Compte rendu', modality: 'DOC', plane: null },
  ],
);
export const MARTIN_CT_2024 = volumeStudy(
  'martin.ct.2024',
  'prior',
  [REGION.thorax],
  [
    { description: 'THORAX MEDIASTIN', bodyPartExamined: 'CHEST' },
    { description: 'Compte rendu', modality: 'DOC', plane: null },
  ],
);

/**
 * views.ts DX_VIEWS: the View Code Sequence's code (as the viewer reads it first) and the
 * orientation each view is read in, for units that write them (`viewCodes: true`).
 */
const DX_VIEW_CODES: Readonly<Record<string, { code: string; orientation: [string, string] }>> = {
  PA: { code: '272479007', orientation: ['L', 'F'] },
  AP: { code: '399348003', orientation: ['L', 'F'] },
  LL: { code: '399173006', orientation: ['P', 'F'] },
};

/**
 * A radiograph study (projectionDataset): one series holding every view, or — as some units
 * file them — one series per view. Without view codes, ViewPosition and L\F for every view.
 */
export function radiographStudy(
  uid: string,
  role: Role,
  modality: 'CR' | 'DX',
  regions: string[],
  views: readonly string[],
  options: { description?: string; viewCodes?: boolean; seriesPerView?: boolean } = {},
): HangingStudy {
  const seriesOf = (i: number) => `${uid}.${options.seriesPerView ? i + 1 : 1}`;
  const seriesUIDs = [...new Set(views.map((_, i) => seriesOf(i)))];
  return {
    role,
    studyInstanceUID: uid,
    modalities: [modality],
    regions,
    series: seriesUIDs.map((seriesInstanceUID, i) => ({
      seriesInstanceUID,
      modality,
      description: options.description ?? 'THORAX FACE PROFIL',
      bodyPartExamined: 'CHEST',
      numberOfInstances: options.seriesPerView ? 1 : views.length,
      seriesNumber: i + 1,
    })),
    images: views.map((viewPosition, i) => {
      const coded = options.viewCodes ? DX_VIEW_CODES[viewPosition] : undefined;
      return {
        seriesInstanceUID: seriesOf(i),
        sopInstanceUID: `${seriesOf(i)}.${options.seriesPerView ? 1 : i + 1}`,
        frame: 1,
        modality,
        viewCode: coded?.code ?? viewPosition,
        // DX writes ImageLaterality « U » for a chest: no side.
        laterality: null,
        patientOrientation: coded?.orientation ?? ['L', 'F'],
        plane: null,
      };
    }),
  };
}
