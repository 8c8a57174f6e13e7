// Every (issuer, id) pair a dataset gives for its patient: PatientID with its issuer, then
// each item of Other Patient IDs Sequence — that is where a site records the INS next to
// its own number, and what links one site's patient to another's.
import { seq, str } from '../dicom/dicomJson';
import type { DicomDataset } from '../dicom/dicomJson';
import { TAG } from '../dicom/tags';
import { identifierKey } from './patientIdentifier';
import type { PatientIdentifier } from './patientIdentifier';

export interface DatasetIdentifier extends PatientIdentifier {
  /** PatientID of the dataset itself, or an entry of Other Patient IDs. */
  origin: 'patientId' | 'otherPatientId';
}

/** IssuerOfPatientID, or failing that the universal id of the qualifiers sequence. */
function issuerOf(ds: DicomDataset): string {
  const issuer = str(ds, TAG.IssuerOfPatientID);
  if (issuer !== '') return issuer;
  for (const q of seq(ds, TAG.IssuerOfPatientIDQualifiersSequence)) {
    const universal = str(q, TAG.UniversalEntityID);
    if (universal !== '') return universal;
  }
  return '';
}

export function identifiersOf(dataset: DicomDataset): DatasetIdentifier[] {
  const out: DatasetIdentifier[] = [];
  const seen = new Set<string>();
  const add = (ds: DicomDataset, origin: DatasetIdentifier['origin']) => {
    const id = str(ds, TAG.PatientID);
    if (id === '') return;
    const identifier = { issuer: issuerOf(ds), id };
    const key = identifierKey(identifier);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ...identifier, origin });
  };
  add(dataset, 'patientId');
  for (const item of seq(dataset, TAG.OtherPatientIDsSequence)) add(item, 'otherPatientId');
  return out;
}

/** Whether the dataset names this exact (issuer, id) pair, as its PatientID or another id. */
export function datasetHasIdentifier(
  dataset: DicomDataset,
  identifier: PatientIdentifier,
): boolean {
  const key = identifierKey(identifier);
  return identifiersOf(dataset).some((i) => identifierKey(i) === key);
}
