// How projection images are labelled and oriented: view codes and PatientOrientation
// (0020,0020), one place for the datasets and the manifest so the two cannot disagree.
//
// PatientOrientation gives the patient direction of the rows (first value: towards the last
// column) and of the columns (second value: towards the last row), PS3.3 C.7.6.1.1.1.
// Mammography is read in the mirrored layout: right breast on the left half facing the left
// breast, chest walls back to back, CC views lateral side up, MLO views axilla up — so a view
// hung as is has RCC P\L, LCC A\R, RMLO P\F, LMLO A\F (the targets OHIF's getImageFlips
// corrects to). An oblique's column also runs towards the medial side, which some units
// write too (RMLO P\FL, LMLO A\FR, as in PS3.17 Annex A, Figure A-11).
import type { MammoSeries, ProjectionSeries } from './plan';

export interface CodedView {
  code: string;
  scheme: string;
  meaning: string;
}

/** CID 4014 « View for Mammography ». */
export const MAMMO_VIEW_CODES: Record<'CC' | 'MLO', CodedView> = {
  CC: { code: '399162004', scheme: 'SCT', meaning: 'cranio-caudal' },
  MLO: { code: '399368009', scheme: 'SCT', meaning: 'medio-lateral oblique' },
};

/**
 * CID 4010 « DX View », with the orientation a chest radiograph is read in: a frontal view
 * as if facing the patient (their left on the viewer's right), a left lateral as seen from
 * the patient's left side (facing the viewer's left, so the rows run towards posterior).
 */
export const DX_VIEWS: Record<string, { code: CodedView; orientation: [string, string] }> = {
  PA: {
    code: { code: '272479007', scheme: 'SCT', meaning: 'postero-anterior' },
    orientation: ['L', 'F'],
  },
  AP: {
    code: { code: '399348003', scheme: 'SCT', meaning: 'antero-posterior' },
    orientation: ['L', 'F'],
  },
  LL: {
    code: { code: '399173006', scheme: 'SCT', meaning: 'left lateral' },
    orientation: ['P', 'F'],
  },
};

/** What the sample wrote before view codes: L\F whatever the view (kept for those studies). */
const UNCODED_PROJECTION_ORIENTATION: [string, string] = ['L', 'F'];

export function projectionView(
  plan: ProjectionSeries,
  view: ProjectionSeries['views'][number],
): { code?: CodedView; orientation: [string, string] } {
  if (!plan.viewCodes) return { orientation: [...UNCODED_PROJECTION_ORIENTATION] };
  const coded = DX_VIEWS[view.viewPosition];
  if (!coded) throw new Error(`no view code for ${view.viewPosition}`);
  return { code: { ...coded.code }, orientation: [...coded.orientation] };
}

export interface MammoOrientation {
  /** Edge of the stored image the chest wall (and so the breast tissue) lies against. */
  chestWallSide: 'left' | 'right';
  patientOrientation: [string, string];
  /** Whether the mirrored layout needs this image flipped left-right (never up-down here). */
  flipForMirroredLayout: boolean;
}

export function mammoOrientation(
  plan: MammoSeries,
  laterality: 'L' | 'R',
  viewPosition: 'CC' | 'MLO',
): MammoOrientation {
  const right = laterality === 'R';
  const asHung = right ? 'right' : 'left';
  const chestWallSide = plan.chestWallEdge === 'left' ? 'left' : asHung;
  // Rows run from the nipple to the chest wall when the wall is on the right edge.
  const row = chestWallSide === 'right' ? 'P' : 'A';
  // Downwards is medial on a CC (lateral side up); on an MLO it is towards the feet.
  const medial = right ? 'L' : 'R';
  const column =
    viewPosition === 'CC' ? medial : plan.obliqueColumn === 'feet-medial' ? `F${medial}` : 'F';
  return {
    chestWallSide,
    patientOrientation: [row, column],
    flipForMirroredLayout: chestWallSide !== asHung,
  };
}
