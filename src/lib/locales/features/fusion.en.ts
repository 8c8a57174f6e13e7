import type { LocaleMessages } from '../fr';

export const fusionEn: LocaleMessages['fusion'] = {
  open: 'PET/CT fusion',
  close: 'Leave the PET/CT fusion',
  title: 'PET/CT fusion: {{pet}} over {{ct}}',
  panes: {
    ct: 'Axial CT',
    pet: 'Axial PET',
    fusion: 'Axial PET/CT fusion',
    mip: 'PET: coronal maximum-intensity projection (MIP)',
  },
  labels: {
    ct: 'CT',
    pet: 'PET',
    fusion: 'Fusion',
    mip: 'MIP',
  },
  controls: 'Fusion settings',
  opacity: 'PET opacity over the CT',
  colormap: 'PET colour map in the fusion',
  mipHint: 'A click on the MIP takes the axial slices to the hottest spot under it.',
  building: 'Preparing the CT and PET volumes…',
  loading: 'Loading the volumes: CT {{ct}} %, PET {{pet}} %…',
  failed: {
    ct: 'The CT volume could not be loaded: no fusion. The series can still be read one by one.',
    pet: 'The PET volume could not be loaded: no fusion. The series can still be read one by one.',
    display:
      'The fusion could not be displayed on this device (3D display unavailable). The series can still be read one by one.',
  },
  petWindowSuv: 'PET in SUVbw, window 0 – 5',
  petWindowStored: 'PET in stored values (SUV unavailable), window from 0 to half the maximum',
};
