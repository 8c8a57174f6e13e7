// Study records and rows for the federation tests.
import type { StudyRecord } from '../dicom/studyRecords';

export function record(uid: string, extra: Partial<StudyRecord> = {}): StudyRecord {
  return {
    studyInstanceUID: uid,
    date: null,
    time: '',
    accessionNumber: '',
    description: '',
    modalities: [],
    numberOfSeries: null,
    numberOfInstances: null,
    patientName: null,
    patientBirthDate: null,
    patientSex: '',
    referringPhysician: null,
    institutionName: '',
    bodyPartsExamined: [],
    anatomicRegions: [],
    retrieveUrl: '',
    dataset: {},
    ...extra,
  };
}
