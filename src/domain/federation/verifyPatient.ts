// A source is not trusted to have applied the patient filter it was asked: it may not
// match on IssuerOfPatientID (asking PatientID=P000123 then returns every patient that site
// numbered P000123 under any issuer), it may ignore PatientID altogether, or hold one study
// UID under two patients. Every answer is checked here against the exact (issuer, id) pair
// asked for; the rest is dropped and counted, so the UI can say that answers about another
// patient were set aside rather than show another person's exams.
import { str, type DicomDataset } from '../dicom/dicomJson';
import { TAG } from '../dicom/tags';
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

/**
 * The series rows of a patient's kept studies. A row that names a patient (PatientID) must
 * name this one; a row saying nothing of the patient belongs to its study. `dropped` counts
 * the rows that named someone else, apart from those of a study already set aside (counted
 * there); rows of studies outside the answer (a date filter) are left out without a count.
 */
export function keepPatientSeries(
  series: readonly DicomDataset[],
  patient: PatientIdentifier,
  keptStudies: ReadonlySet<string>,
  droppedStudies: ReadonlySet<string>,
): { kept: DicomDataset[]; dropped: number } {
  const kept: DicomDataset[] = [];
  let dropped = 0;
  for (const ds of series) {
    const study = str(ds, TAG.StudyInstanceUID);
    const namesSomeone = str(ds, TAG.PatientID) !== '';
    const theirs = !namesSomeone || datasetHasIdentifier(ds, patient);
    if (theirs && keptStudies.has(study)) kept.push(ds);
    else if (!theirs && !droppedStudies.has(study)) dropped += 1;
  }
  return { kept, dropped };
}
