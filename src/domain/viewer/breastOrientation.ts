// How a mammogram hangs: the mirrored (« back to back ») convention every breast reading
// station uses. Right-breast images on the left of the screen, left-breast images on the
// right, each with its chest wall (posterior side) towards the screen's centre, so the two
// breasts face each other like a mirror and an asymmetry stands out; MLO views with the
// axilla (head) up, CC views with the lateral side up.
//
// Whether an image must be flipped to hang that way is read from Patient Orientation
// (0020,0020), never assumed from the laterality alone: its first value is the patient
// direction of the image's rows (left → right on the stored pixels), its second that of the
// columns (top → bottom) — DICOM PS3.3 C.7.6.1.1.1. A right breast hangs with its chest wall
// on its right edge, so its rows must run towards P; a left breast's rows towards A. Modalities
// store either way (a right CC may arrive as « P\L » or, mirrored, as « A\R »): a wrong first
// letter is a horizontal flip; a wrong second letter (the lateral side, or the feet, on top)
// a vertical one. An image without Patient Orientation is shown as stored: nothing tells
// which way it faces.
import { isCranioCaudalView, isLateralBreastView, type ViewKey } from './viewCodes';

export interface BreastFlips {
  flipHorizontal: boolean;
  flipVertical: boolean;
}

const AS_STORED: BreastFlips = { flipHorizontal: false, flipVertical: false };

/** The first of the wanted or unwanted letters a direction names, if any (« FR » → F). */
function names(direction: string, wanted: string, unwanted: string): boolean | null {
  for (const letter of direction.toUpperCase()) {
    if (letter === wanted) return true;
    if (letter === unwanted) return false;
  }
  return null;
}

export function breastFlips(
  laterality: 'L' | 'R' | null,
  view: ViewKey | null,
  patientOrientation: readonly [string, string] | null,
): BreastFlips {
  if (laterality === null || patientOrientation === null) return AS_STORED;
  const [rows, columns] = patientOrientation;
  const right = laterality === 'R';
  // Chest wall towards the screen's centre: posterior to the right for a right breast.
  const rowsOk = names(rows, right ? 'P' : 'A', right ? 'A' : 'P');
  let columnsOk: boolean | null = null;
  // Lateral side up for CC views: the columns run from lateral down to medial.
  if (isCranioCaudalView(view)) columnsOk = names(columns, right ? 'L' : 'R', right ? 'R' : 'L');
  // Axilla up for the pectoral views: the columns run towards the feet.
  else if (isLateralBreastView(view)) columnsOk = names(columns, 'F', 'H');
  return { flipHorizontal: rowsOk === false, flipVertical: columnsOk === false };
}
