import type { Messages } from '../messages';
import type { downloadFr } from './download.fr';

export const downloadEn: Messages<typeof downloadFr> = {
  menu: {
    button: 'Download',
    title: 'Download',
    imagePng: 'Image (PNG)',
    imageJpeg: 'Image (JPEG)',
    annotations: 'With annotations',
    study: 'Whole study (DICOM ZIP)',
    studyHint: 'Every image of the study, readable by medical software (DICOMDIR).',
  },
  confirm: {
    title: 'This file contains health data',
    body: 'This file contains personal health data. Once saved on this device, it is your responsibility: keep it safe, share it only with authorised people and delete it when it is no longer needed.',
    traced: 'This download is recorded in the access history, which the patient can read.',
    fileImage: 'File: the image on screen, as {{format}}{{annotations}}.',
    withAnnotations: ', with its annotations',
    fileStudy: 'File: the whole study in DICOM format (ZIP archive with a DICOMDIR).',
    confirm: 'I understand, download',
    cancel: 'Cancel',
  },
  status: {
    preparing: 'Preparing the download…',
    started: 'Download started.',
    failed: 'Download failed: {{message}}',
    noImage: 'No image on screen to save yet.',
  },
  row: {
    button: 'Download the study',
    label: 'Download the study of {{date}} ({{description}}) in DICOM format',
  },
};
