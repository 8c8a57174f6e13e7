// The first image drawn before the viewer's code is the viewer's own first image, of the
// launch's own patient: anything that would make the viewer show another image, another
// patient or a choice draws nothing ahead.
import { describe, expect, it } from 'vitest';
import { launchPreviewPlan } from './launchPreviewPlan';
import {
  claim,
  CT,
  DUBOIS,
  dubois,
  iidParams,
  PREVIEW,
  seriesRow,
  SR,
  STUDY,
  THOMAS,
  thomas,
} from './launchClaimFixture';

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
