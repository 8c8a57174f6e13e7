// The images of a series that may be shown for the patient the viewer was opened for. The
// series list was already sorted by person (seriesByPatient.ts), but one series UID can
// still hold another person's instances (a collision, a faulty modality), and an image is
// what a doctor reads: each instance's own PatientID / IssuerOfPatientID / Other Patient IDs
// must name the patient, or it is never registered, drawn, or put in an overlay.
//
// Rules (why):
// - An instance naming the patient (any shared (issuer, id) pair) is kept; one naming
//   somebody else is set aside. A bare PatientID without its issuer does not name anyone
//   for sure, so it is not the patient (DOMAIN.md: never match on PatientID alone).
// - An instance naming nobody (no PatientID) is kept, as it always was, unless the series
//   also holds another person's instances: then nobody can say whose it is.
// - Without a patient to hold to (a study opened for nobody whose series name nobody), the
//   instances are kept unless they name several persons between them: then none is.
import type { DicomDataset } from '../dicom/dicomJson';
import { holdsSeveralPersons, namesSomeone, sharesIdentifier } from '../identity/distinctPersons';
import { identifiersOf } from '../identity/identifiersOf';
import { matchPatients } from '../identity/matchPatients';
import type { PatientIdentifier } from '../identity/patientIdentifier';

export interface PatientInstances<T> {
  kept: T[];
  /** Instances set aside as another person's, or as nobody's beside another person. */
  setAside: number;
}

export function keepPatientInstances<T extends DicomDataset>(
  instances: readonly T[],
  patient: readonly PatientIdentifier[] | undefined,
): PatientInstances<T> {
  if (!patient || patient.length === 0) {
    const clusters = matchPatients(instances.map((dataset) => ({ sourceId: 's', dataset })));
    return holdsSeveralPersons(clusters.filter(namesSomeone))
      ? { kept: [], setAside: instances.length }
      : { kept: [...instances], setAside: 0 };
  }
  const named: T[] = [];
  let anonymous = 0;
  let others = 0;
  for (const ds of instances) {
    const ids = identifiersOf(ds);
    if (ids.length === 0) anonymous += 1;
    else if (sharesIdentifier(ids, patient)) named.push(ds);
    else others += 1;
  }
  if (others > 0) return { kept: named, setAside: others + anonymous };
  return { kept: [...instances], setAside: 0 };
}
