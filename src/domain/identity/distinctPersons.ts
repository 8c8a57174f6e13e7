// When the datasets filed under one UID belong to different people. A StudyInstanceUID is
// meant to be unique, yet CD imports and faulty modalities put two patients under one, and
// showing one patient's images as another's is the worst mistake a viewer can make.
//
// matchPatients links datasets that share an (issuer, id) pair; what stays apart is not
// always two people (a DRIMbox may know the patient by its own number only), so two clusters
// count as distinct persons only when:
// - one source holds both: that source itself files them as two patients;
// - both carry an INS: they would be one cluster if it were the same, so the national
//   identities differ, wherever they are held.
// A cluster with no identifier at all names nobody: it is never a second person by itself.
import type { PatientCluster } from './matchPatients';
import { identifierKey, isIns, type PatientIdentifier } from './patientIdentifier';

type Cluster = Pick<PatientCluster, 'sourceIds' | 'identifiers'>;

export function namesSomeone(cluster: Cluster): boolean {
  return cluster.identifiers.length > 0;
}

function hasIns(identifiers: readonly PatientIdentifier[]): boolean {
  return identifiers.some((i) => isIns(i.issuer));
}

export function areDistinctPersons(a: Cluster, b: Cluster): boolean {
  if (!namesSomeone(a) || !namesSomeone(b)) return false;
  if (sharesIdentifier(a.identifiers, b.identifiers)) return false;
  if (a.sourceIds.some((id) => b.sourceIds.includes(id))) return true;
  return hasIns(a.identifiers) && hasIns(b.identifiers);
}

/** Whether any two of these clusters are distinct persons. */
export function holdsSeveralPersons(clusters: readonly Cluster[]): boolean {
  return clusters.some((a, i) => clusters.slice(i + 1).some((b) => areDistinctPersons(a, b)));
}

export function sharesIdentifier(
  a: readonly PatientIdentifier[],
  b: readonly PatientIdentifier[],
): boolean {
  const keys = new Set(a.map(identifierKey));
  return b.some((i) => keys.has(identifierKey(i)));
}

/**
 * Whether these identifiers are surely someone other than `patient`: both carry an INS and
 * they share no pair. Without an INS on both sides nothing can be said — a site's own
 * number is not the INS it stands beside.
 */
export function surelyAnotherPerson(
  identifiers: readonly PatientIdentifier[],
  patient: readonly PatientIdentifier[],
): boolean {
  return hasIns(identifiers) && hasIns(patient) && !sharesIdentifier(identifiers, patient);
}
