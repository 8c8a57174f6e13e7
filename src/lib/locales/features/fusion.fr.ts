// French texts of the PET/CT fusion view (the reference: en mirrors every key).
export const fusionFr = {
  open: 'Fusion TEP-TDM',
  close: 'Quitter la fusion TEP-TDM',
  title: 'Fusion TEP-TDM : {{pet}} sur {{ct}}',
  panes: {
    ct: 'TDM axial',
    pet: 'TEP axial',
    fusion: 'Fusion TEP-TDM axiale',
    mip: 'TEP : projection d’intensité maximale (MIP) coronale',
  },
  labels: {
    ct: 'TDM',
    pet: 'TEP',
    fusion: 'Fusion',
    mip: 'MIP',
  },
  controls: 'Réglages de la fusion',
  opacity: 'Opacité de la TEP sur la TDM',
  colormap: 'Palette de la TEP en fusion',
  mipHint: 'Un clic sur la MIP amène les coupes axiales sur le foyer le plus intense.',
  building: 'Préparation des volumes TDM et TEP…',
  loading: 'Chargement des volumes : TDM {{ct}} %, TEP {{pet}} %…',
  failed: {
    ct: 'Le volume TDM n’a pas pu être chargé : la fusion est impossible. Les séries restent lisibles une à une.',
    pet: 'Le volume TEP n’a pas pu être chargé : la fusion est impossible. Les séries restent lisibles une à une.',
    display:
      'La fusion n’a pas pu s’afficher sur cet appareil (affichage 3D indisponible). Les séries restent lisibles une à une.',
  },
  petWindowSuv: 'TEP en SUVbw, fenêtre 0 – 5',
  petWindowStored:
    'TEP en valeurs stockées (SUV indisponible), fenêtre de 0 à la moitié du maximum',
} as const;
