// A STUDY launch's claim as the gateway answers it when it found the exam and sealed the
// page's decision, for the tests of what is shown before the viewer's code has run
// (launchPreviewPlan.test.ts, server/launch/launchShot.test.ts).
import type { DicomDataset } from '../dicom/dicomJson';
import { pickStudy, type StudyTarget } from './launchDestination';
import type { PlannedClaim } from './launchPreviewPlan';
import { foundStudyKeyValue } from './studyKeyValue';
import { targetOfLaunch } from './targetOfLaunch';

const OID = '1.2.250.1.213.1.4.10';
export const DUBOIS = { id: '258037512345653', issuer: OID };
export const THOMAS = { id: '149013012345678', issuer: OID };
export const STUDY = '2.25.100';
export const CT = '2.25.200';
export const SR = '2.25.300';
export const PREVIEW = { sopInstanceUID: '2.25.201', frame: 1, query: 'window=40,400,linear' };

type Person = { id: string; issuer: string; name: string; birth: string; sex: string };
export const dubois: Person = { ...DUBOIS, name: 'DUBOIS^MARIE', birth: '19580314', sex: 'F' };
export const thomas: Person = { ...THOMAS, name: 'THOMAS^PIERRE', birth: '19490130', sex: 'M' };

const v = (vr: string, value: unknown) => ({ vr, Value: [value] });
const personOf = (p: Person): DicomDataset => ({
  '00100010': v('PN', { Alphabetic: p.name }),
  '00100020': v('LO', p.id),
  '00100021': v('LO', p.issuer),
  '00100030': v('DA', p.birth),
  '00100040': v('CS', p.sex),
});
export const studyRow = (p: Person): DicomDataset => ({
  '0020000D': v('UI', STUDY),
  ...personOf(p),
});
export const seriesRow = (uid: string, modality: string, p: Person): DicomDataset => ({
  '0020000D': v('UI', STUDY),
  '0020000E': v('UI', uid),
  '00080060': v('CS', modality),
  '00201209': v('IS', 40),
  ...personOf(p),
});

export const iidParams = (
  patient: { id: string; issuer: string },
  extra: [string, string][] = [],
) =>
  [
    ['requestType', 'STUDY'],
    ['studyUID', STUDY],
    ['patientID', `${patient.id}^^^&${patient.issuer}&ISO`],
    ...extra,
  ] as [string, string][];

/** A claim as the gateway answers it when it found the exam and sealed the page's decision. */
export function claim(
  options: {
    params?: [string, string][];
    /** Whom the source's study answers name: two persons under one UID is a conflict. */
    held?: Person | Person[];
    series?: DicomDataset[];
    first?: string;
    value?: (decided: Record<string, unknown>) => Record<string, unknown>;
  } = {},
): PlannedClaim {
  const params = options.params ?? iidParams(DUBOIS);
  const answers = [
    {
      sourceId: 'drimbox-a',
      ok: true as const,
      datasets: [options.held ?? dubois].flat().map(studyRow),
    },
  ];
  const parsed = targetOfLaunch('iid', params);
  if (!parsed.ok || parsed.target.view !== 'study') throw new Error('not a study launch');
  const found = pickStudy(parsed.target as StudyTarget, answers);
  const decided =
    found.kind === 'found'
      ? foundStudyKeyValue(found, parsed.target as StudyTarget)
      : { studyInstanceUID: STUDY, sourceIds: ['drimbox-a'] };
  return {
    kind: 'iid',
    params,
    lookup: {
      answers,
      study: {
        key: 'sealed-key',
        value: options.value ? options.value(decided) : decided,
        series: {
          sourceId: 'drimbox-a',
          datasets: options.series ?? [seriesRow(CT, 'CT', dubois), seriesRow(SR, 'SR', dubois)],
        },
        first: { seriesInstanceUID: options.first ?? CT, preview: PREVIEW },
      },
    },
  };
}
