// When a source cannot match on IssuerOfPatientID, asking for PatientID=P000123 returns
// every patient that site numbered P000123 under any issuer. The answer is checked here
// against the exact (issuer, id) pair asked for; the rest is dropped and counted, so the UI
// can say that some answers were set aside rather than show another person's exams.
import { datasetHasIdentifier } from '../identity/identifiersOf';
import type { PatientIdentifier } from '../identity/patientIdentifier';
import type { StudyRecord } from '../dicom/studyRecords';

export function keepPatientStudies(
  studies: readonly StudyRecord[],
  patient: PatientIdentifier,
): { kept: StudyRecord[]; dropped: number } {
  const kept = studies.filter((s) => datasetHasIdentifier(s.dataset, patient));
  return { kept, dropped: studies.length - kept.length };
}
