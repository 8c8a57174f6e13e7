// DICOM JSON (PS3.18 F.2) keys elements by their 8-hex-digit tag, upper case. Naming them
// once keeps a typo in a tag from silently reading nothing.

export const TAG = {
  // Patient
  PatientName: '00100010',
  PatientID: '00100020',
  IssuerOfPatientID: '00100021',
  IssuerOfPatientIDQualifiersSequence: '00100024',
  PatientBirthDate: '00100030',
  PatientSex: '00100040',
  OtherPatientIDsSequence: '00101002',
  UniversalEntityID: '00400032',
  UniversalEntityIDType: '00400033',
  // Study
  StudyInstanceUID: '0020000D',
  StudyDate: '00080020',
  StudyTime: '00080030',
  AccessionNumber: '00080050',
  StudyDescription: '00081030',
  ModalitiesInStudy: '00080061',
  NumberOfStudyRelatedSeries: '00201206',
  NumberOfStudyRelatedInstances: '00201208',
  ReferringPhysicianName: '00080090',
  InstitutionName: '00080080',
  RetrieveURL: '00081190',
  // Series
  SeriesInstanceUID: '0020000E',
  SeriesNumber: '00200011',
  Modality: '00080060',
  BodyPartExamined: '00180015',
  SeriesDescription: '0008103E',
  AnatomicRegionSequence: '00082218',
  NumberOfSeriesRelatedInstances: '00201209',
  // Code sequence items
  CodeValue: '00080100',
  CodingSchemeDesignator: '00080102',
  CodeMeaning: '00080104',
} as const;

export type TagName = keyof typeof TAG;
export type Tag = (typeof TAG)[TagName];
