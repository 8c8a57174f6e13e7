import type { Messages } from '../messages';
import type { reportsFr } from './reports.fr';

export const reportsEn: Messages<typeof reportsFr> = {
  title: 'Report',
  searching: 'Looking for the report…',
  loadingDocument: 'Loading the report…',
  none: 'No report for this study yet.',
  several: 'Reports of this study',
  kind: {
    pdf: 'Report (PDF)',
    cda: 'Imaging report (CDA)',
    sr: 'Structured report',
  },
  dated: '{{title}} — {{date}}',
  download: 'Download the report (PDF)',
  pdfFrameTitle: 'Report as a PDF',
  pdfOnHold: 'The report shows once the images are in.',
  pdfShowNow: 'Show it now',
  pdfHint: 'If the document does not show above, download it and open it with your PDF reader.',
  facts: {
    date: 'Date',
    author: 'Author',
    organization: 'Facility',
    patient: 'Patient',
    bornOn: '{{name}}, born {{date}}',
  },
  untitledSection: 'Untitled section',
  emptyNarrative: 'This section has no text.',
  sr: {
    verified: 'Verified report',
    unverified: 'Unverified report',
    partial: 'Incomplete report',
    references_one: '{{count}} referenced image or object',
    references_many: '{{count}} referenced images or objects',
    references_other: '{{count}} referenced images or objects',
    coordinates: 'area drawn on an image',
    empty: 'This structured report holds no readable text.',
    truncated: 'This report is very long: the rest is not shown here.',
  },
  error: {
    search: 'The report could not be looked up ({{reason}}). The images remain available.',
    document: 'The report could not be loaded ({{reason}}).',
    unreadable: 'This report is unreadable: the document is damaged or in an unexpected format.',
    retry: 'Retry',
  },
};
