// When a study's report is shown beside its images. Showing a PDF starts the browser's PDF
// viewer: about a second of CPU in its own processes, measured on 2 cores (issue 4 note).
// Beside the first image's view it makes that view a second later; beside the background
// loading of the series it makes the whole series a second later. Someone has to wait, and
// who should depends on why the study was opened:
// - a GP opens it for the report (DOMAIN.md: "images and reports in two clicks"), a patient
//   for theirs, and so does a professional we cannot place: the report comes at once;
// - a radiologist or another specialist reads the images first and scrolls through them:
//   the report comes once the first series is in (or when asked, or after a limit).
import type { Principal } from '../principal';

export type ReportTiming = 'at-once' | 'after-images';

const MEDECIN = '10';
const GENERAL_PRACTICE = 'SM54';

export function reportTimingFor(principal: Principal | null): ReportTiming {
  if (principal?.role !== 'professional') return 'at-once';
  const specialty = principal.specialty?.code;
  if (principal.profession?.code !== MEDECIN || !specialty) return 'at-once';
  return specialty === GENERAL_PRACTICE ? 'at-once' : 'after-images';
}
