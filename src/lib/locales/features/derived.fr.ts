// French texts of derived objects drawn over the images: segmentations (SEG), structure
// sets (RTSTRUCT) and dose grids (RTDOSE) — what they show, and why one cannot be drawn
// (the reference: en mirrors every key).
export const derivedFr = {
  kind: {
    segmentation: 'Segmentation',
    structureSet: 'Structures de radiothérapie',
    dose: 'Dose de radiothérapie',
  },
  problem: {
    referenceMissing: 'La série de référence de cette segmentation est absente de l’examen.',
    unsupportedEncoding:
      'Cet objet dérivé est codé d’une façon que cette visionneuse ne sait pas encore dessiner ; les autres séries restent disponibles.',
    noSegments: 'Cette segmentation ne décrit aucun segment : rien à dessiner.',
    noFrames:
      'Aucune trame de cette segmentation ne correspond à une coupe de la série de référence : rien n’est dessiné.',
    noGeometry:
      'La géométrie de cet objet (position, orientation ou espacement) est incomplète : il ne peut pas être placé sur les images.',
    noScaling:
      'Cette grille de dose n’indique pas son facteur d’échelle (DoseGridScaling) : aucune dose fiable ne peut être lue.',
    noContours: 'Cet ensemble de structures ne contient aucun contour : rien à dessiner.',
    noPixels: 'Les données de cet objet n’ont pas pu être lues en entier.',
  },
  alone: {
    segmentation:
      'Série de référence absente de l’examen : segmentation affichée sur sa propre géométrie, sur fond noir.',
    dose: 'Aucun scanner de l’examen ne partage le repère de cette dose : grille de dose affichée seule, sur fond noir.',
  },
  over: 'Superposé à : {{series}}',
  unmatched_one:
    '{{count}} trame de la segmentation ne correspond à aucune coupe de la série de référence et n’est pas affichée.',
  unmatched_other:
    '{{count}} trames de la segmentation ne correspondent à aucune coupe de la série de référence et ne sont pas affichées.',
  unplaced_one: '{{count}} contour ne tombe sur aucune coupe de la série de référence.',
  unplaced_other: '{{count}} contours ne tombent sur aucune coupe de la série de référence.',
  emptyContours_one: '{{count}} contour vide ignoré.',
  emptyContours_other: '{{count}} contours vides ignorés.',
  segments: 'Segments',
  rois: 'Structures',
  show: 'Afficher « {{name}} »',
  opacity: 'Opacité de « {{name}} »',
  wash: 'Lavis de dose',
  isodoses: 'Isodoses',
  slice: 'Coupe {{index}} / {{count}}',
  sliceSlider: 'Coupe de l’objet',
  dose: {
    legend: 'Isodoses (% du maximum)',
    level: '{{percent}} % — {{dose}} {{unit}}',
    max: 'Maximum : {{dose}} {{unit}}',
    probe: 'Dose sous le pointeur : {{dose}} {{unit}}',
    outside: 'Pointeur hors de la grille de dose',
    gy: 'Gy',
    relative: '(dose relative)',
  },
} as const;
