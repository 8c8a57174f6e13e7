import type { Messages } from '../messages';
import type { derivedFr } from './derived.fr';

export const derivedEn: Messages<typeof derivedFr> = {
  kind: {
    segmentation: 'Segmentation',
    structureSet: 'Radiotherapy structures',
    dose: 'Radiotherapy dose',
  },
  problem: {
    referenceMissing: 'The reference series of this segmentation is not in the study.',
    unsupportedEncoding:
      'This derived object is encoded in a way this viewer cannot draw yet; the other series remain available.',
    noSegments: 'This segmentation describes no segment: nothing to draw.',
    noFrames:
      'No frame of this segmentation matches a slice of the reference series: nothing is drawn.',
    noGeometry:
      'The geometry of this object (position, orientation or spacing) is incomplete: it cannot be placed over the images.',
    noScaling:
      'This dose grid does not give its scaling (DoseGridScaling): no reliable dose can be read.',
    noContours: 'This structure set holds no contour: nothing to draw.',
    noPixels: 'The data of this object could not be read in full.',
  },
  alone: {
    segmentation:
      'Reference series not in the study: segmentation shown on its own geometry, over black.',
    dose: 'No CT of the study shares this dose’s frame of reference: dose grid shown alone, over black.',
  },
  over: 'Over: {{series}}',
  unmatched_one:
    '{{count}} frame of the segmentation matches no slice of the reference series and is not shown.',
  unmatched_other:
    '{{count}} frames of the segmentation match no slice of the reference series and are not shown.',
  unplaced_one: '{{count}} contour falls on no slice of the reference series.',
  unplaced_other: '{{count}} contours fall on no slice of the reference series.',
  emptyContours_one: '{{count}} empty contour ignored.',
  emptyContours_other: '{{count}} empty contours ignored.',
  segments: 'Segments',
  rois: 'Structures',
  show: 'Show “{{name}}”',
  opacity: 'Opacity of “{{name}}”',
  wash: 'Dose wash',
  isodoses: 'Isodoses',
  slice: 'Slice {{index}} / {{count}}',
  sliceSlider: 'Slice of the object',
  dose: {
    legend: 'Isodoses (% of maximum)',
    level: '{{percent}} % — {{dose}} {{unit}}',
    max: 'Maximum: {{dose}} {{unit}}',
    probe: 'Dose under the pointer: {{dose}} {{unit}}',
    outside: 'Pointer outside the dose grid',
    gy: 'Gy',
    relative: '(relative dose)',
  },
};
