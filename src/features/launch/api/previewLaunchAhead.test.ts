// The first image drawn before the viewer's code is the viewer's own first image, of the
// launch's own patient: anything that would make the viewer show another image, another
// patient or a choice draws nothing ahead.
import { describe, expect, it } from 'vitest';
import type { DicomDataset } from '../../../domain/dicom/dicomJson';
import { pickStudy } from '../../../domain/launch/launchDestination';
import type { StudyTarget } from '../../../domain/launch/launchDestination';
import { foundStudyKeyValue } from '../../../domain/launch/studyKeyValue';
import { targetOfLaunch } from '../../../domain/launch/targetOfLaunch';
import type { ClaimedLaunch } from './claimLaunch';
import { launchPreviewPlan } from './previewLaunchAhead';

const OID = '1.2.250.1.213.1.4.10';
const DUBOIS = { id: '258037512345653', issuer: OID };
const THOMAS = { id: '149013012345678', issuer: OID };
const STUDY = '2.25.100';
const CT = '2.25.200';
const SR = '2.25.300';
const PREVIEW = { sopInstanceUID: '2.25.201', frame: 1, query: 'window=40,400,linear' };

type Person = { id: string; issuer: string; name: string; birth: string; sex: string };
const dubois: Person = { ...DUBOIS, name: 'DUBOIS^MARIE', birth: '19580314', sex: 'F' };
const thomas: Person = { ...THOMAS, name: 'THOMAS^PIERRE', birth: '19490130', sex: 'M' };

const v = (vr: string, value: unknown) => ({ vr, Value: [value] });
const personOf = (p: Person): DicomDataset => ({
  '00100010': v('PN', { Alphabetic: p.name }),
  '00100020': v('LO', p.id),
  '00100021': v('LO', p.issuer),
  '00100030': v('DA', p.birth),
  '00100040': v('CS', p.sex),
});
const studyRow = (p: Person): DicomDataset => ({ '0020000D': v('UI', STUDY), ...personOf(p) });
const seriesRow = (uid: string, modality: string, p: Person): DicomDataset => ({
  '0020000D': v('UI', STUDY),
  '0020000E': v('UI', uid),
  '00080060': v('CS', modality),
  '00201209': v('IS', 40),
  ...personOf(p),
});

const iidParams = (patient: { id: string; issuer: string }, extra: [string, string][] = []) =>
  [
    ['requestType', 'STUDY'],
    ['studyUID', STUDY],
    ['patientID', `${patient.id}^^^&${patient.issuer}&ISO`],
    ...extra,
  ] as [string, string][];

/** A claim as the gateway answers it when it found the exam and sealed the page's decision. */
function claim(
  options: {
    params?: [string, string][];
    /** Whom the source's study answers name: two persons under one UID is a conflict. */
    held?: Person | Person[];
    series?: DicomDataset[];
    first?: string;
    value?: (decided: Record<string, unknown>) => Record<string, unknown>;
  } = {},
): ClaimedLaunch {
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
    audience: 'professional',
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

describe('the first image drawn ahead of the viewer', () => {
  it('is the first series’ preview, with the patient’s name and birth date as the viewer writes them', () => {
    expect(launchPreviewPlan(claim(), undefined, 'fr')).toEqual({
      path: `/dicomweb/drimbox-a/studies/${STUDY}/series/${CT}/instances/${PREVIEW.sopInstanceUID}/frames/1/rendered?${PREVIEW.query}`,
      text: {
        name: 'DUBOIS Marie',
        born: 'née le 14 mars 1958',
        back: 'Retour à l’accueil',
        label: 'Première image de la série (aperçu)',
      },
    });
    expect(launchPreviewPlan(claim(), undefined, 'en')?.text).toMatchObject({
      born: 'born 14 March 1958',
      back: 'Back to home',
    });
  });

  it('is not drawn when the gateway sealed anything else than this page decides', () => {
    const other = claim({ value: (d) => ({ ...d, sourceIds: ['drimbox-a', 'drimbox-b'] }) });
    expect(launchPreviewPlan(other, undefined, 'fr')).toBeNull();
  });

  it('is not drawn when the exam is held for another patient than the link names', () => {
    expect(launchPreviewPlan(claim({ held: thomas }), undefined, 'fr')).toBeNull();
  });

  it('is not drawn when one UID names two persons and the link names nobody', () => {
    const noPatient: [string, string][] = [
      ['requestType', 'STUDY'],
      ['studyUID', STUDY],
    ];
    const conflict = claim({
      params: noPatient,
      held: [dubois, thomas],
      series: [seriesRow(CT, 'CT', dubois), seriesRow('2.25.400', 'CT', thomas)],
    });
    expect(launchPreviewPlan(conflict, undefined, 'fr')).toBeNull();
  });

  it('is not drawn when the series list names another person than the exam', () => {
    const theirs = claim({ series: [seriesRow(CT, 'CT', thomas)] });
    expect(launchPreviewPlan(theirs, undefined, 'fr')).toBeNull();
  });

  it('keeps to the patient’s own series when the source lists another person’s beside them', () => {
    const mixed = claim({
      series: [seriesRow(CT, 'CT', dubois), seriesRow('2.25.400', 'CT', thomas)],
    });
    expect(launchPreviewPlan(mixed, undefined, 'fr')?.text.name).toBe('DUBOIS Marie');
  });

  it('is not drawn when the viewer opens on another series, or on the key images', () => {
    expect(launchPreviewPlan(claim({ first: SR }), undefined, 'fr')).toBeNull();
    const keyImages = claim({ params: iidParams(DUBOIS, [['keyImagesOnly', 'true']]) });
    expect(launchPreviewPlan(keyImages, undefined, 'fr')).toBeNull();
  });

  it('is drawn for a patient opening their own exam, never for someone else’s', () => {
    const own = claim({ params: iidParams(DUBOIS) });
    expect(launchPreviewPlan(own, DUBOIS, 'fr')?.text.name).toBe('DUBOIS Marie');
    expect(launchPreviewPlan(own, THOMAS, 'fr')).toBeNull();
  });

  it('is not drawn for a claim without the exam sealed or without a preview', () => {
    const bare = claim();
    const { lookup } = bare;
    if (!lookup?.study) throw new Error('fixture');
    expect(
      launchPreviewPlan({ ...bare, lookup: { answers: lookup.answers } }, undefined, 'fr'),
    ).toBeNull();
    const noPreview = {
      ...bare,
      lookup: {
        ...lookup,
        study: { ...lookup.study, first: { seriesInstanceUID: CT, preview: null } },
      },
    };
    expect(launchPreviewPlan(noPreview, undefined, 'fr')).toBeNull();
  });
});
