// Patient-level DICOM JSON for the identity tests.
import type { DicomDataset } from '../dicom/dicomJson';
import { TAG } from '../dicom/tags';

export interface PatientSpec {
  id?: string;
  issuer?: string;
  name?: string;
  birth?: string;
  sex?: string;
  others?: { id: string; issuer?: string }[];
}

const value = (vr: string, v: unknown) => ({ vr, Value: [v] });

export function patient(spec: PatientSpec): DicomDataset {
  const ds: Record<string, unknown> = {};
  if (spec.id !== undefined) ds[TAG.PatientID] = value('LO', spec.id);
  if (spec.issuer !== undefined) ds[TAG.IssuerOfPatientID] = value('LO', spec.issuer);
  if (spec.name !== undefined) ds[TAG.PatientName] = value('PN', { Alphabetic: spec.name });
  if (spec.birth !== undefined) ds[TAG.PatientBirthDate] = value('DA', spec.birth);
  if (spec.sex !== undefined) ds[TAG.PatientSex] = value('CS', spec.sex);
  if (spec.others) {
    ds[TAG.OtherPatientIDsSequence] = {
      vr: 'SQ',
      Value: spec.others.map((o) => ({
        [TAG.PatientID]: value('LO', o.id),
        ...(o.issuer !== undefined ? { [TAG.IssuerOfPatientID]: value('LO', o.issuer) } : {}),
      })),
    };
  }
  return ds;
}
