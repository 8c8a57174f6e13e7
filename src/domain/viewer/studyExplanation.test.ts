import { describe, expect, it } from 'vitest';
import { regionsOfStudy } from '../anatomy/regionOf';
import { NOT_SPECIFIED, REGION } from '../anatomy/regions';
import { explainStudy } from './studyExplanation';

const { thorax, abdomenPelvis, headNeck, upperLimb, lowerLimb, breast, spine, wholeBody } = REGION;

describe('explainStudy', () => {
  it('says a thoraco-abdominal CT in plain French and English', () => {
    const study = {
      modalities: ['CT'],
      regions: [thorax, abdomenPelvis],
      descriptions: ['TDM TAP INJ'],
    };
    expect(explainStudy(study, 'fr').title).toBe('Scanner du thorax et de l’abdomen');
    expect(explainStudy(study, 'en').title).toBe('CT scan of the chest and abdomen');
    expect(explainStudy(study, 'fr').about).toContain('rayons X');
  });

  it('adds the pelvis only when the description names it', () => {
    const study = {
      modalities: ['CT'],
      regions: [thorax, abdomenPelvis],
      descriptions: ['TDM THORACO-ABDOMINO-PELVIENNE'],
    };
    expect(explainStudy(study, 'fr').title).toBe('Scanner du thorax, de l’abdomen et du bassin');
    expect(explainStudy(study, 'en').title).toBe('CT scan of the chest, abdomen and pelvis');
  });

  it('names the part a description gives, with its side agreeing in gender', () => {
    expect(
      explainStudy(
        { modalities: ['CR'], regions: [upperLimb], descriptions: ['RADIOGRAPHIE MAIN GAUCHE'] },
        'fr',
      ).title,
    ).toBe('Radiographie de la main gauche');
    expect(
      explainStudy(
        { modalities: ['MR'], regions: [lowerLimb], descriptions: ['IRM GENOU DROIT'] },
        'fr',
      ).title,
    ).toBe('IRM du genou droit');
    expect(
      explainStudy(
        { modalities: ['MR'], regions: [lowerLimb], descriptions: ['IRM GENOU DROIT'] },
        'en',
      ).title,
    ).toBe('MRI of the right knee');
    expect(
      explainStudy(
        { modalities: ['MR'], regions: [headNeck], descriptions: ['IRM CEREBRALE'] },
        'fr',
      ).title,
    ).toBe('IRM du cerveau');
  });

  it('never guesses a side when both or none are written', () => {
    expect(
      explainStudy(
        { modalities: ['DX'], regions: [upperLimb], descriptions: ['POIGNET DROIT ET GAUCHE'] },
        'fr',
      ).title,
    ).toBe('Radiographie du poignet');
  });

  it('uses the coarse region when no finer word is written', () => {
    expect(
      explainStudy({ modalities: ['CT'], regions: [spine], descriptions: ['SCANNER'] }, 'fr').title,
    ).toBe('Scanner de la colonne vertébrale');
  });

  it('a mammogram is not « of the breast » twice', () => {
    expect(
      explainStudy({ modalities: ['MG'], regions: [breast], descriptions: [] }, 'fr').title,
    ).toBe('Mammographie');
  });

  it('a PET-CT is named by its PET, not its CT', () => {
    expect(
      explainStudy({ modalities: ['CT', 'PT'], regions: [wholeBody], descriptions: [] }, 'fr')
        .title,
    ).toBe('TEP-scanner du corps entier');
  });

  it('leaves out what the study does not say', () => {
    expect(
      explainStudy({ modalities: ['US'], regions: [NOT_SPECIFIED], descriptions: [] }, 'fr'),
    ).toEqual({ title: 'Échographie', about: expect.stringContaining('ultrasons') as string });
    expect(
      explainStudy({ modalities: ['OT', 'SR'], regions: [NOT_SPECIFIED], descriptions: [] }, 'fr'),
    ).toEqual({ title: 'Examen d’imagerie', about: null });
  });

  it('works from the regions the anatomy rules find in descriptions', () => {
    const regions = regionsOfStudy({ description: 'SCANNER THORAX SANS INJECTION' }, []).map(
      (r) => r.code,
    );
    expect(
      explainStudy({ modalities: ['CT'], regions, descriptions: ['SCANNER THORAX'] }, 'fr').title,
    ).toBe('Scanner du thorax');
  });
});
