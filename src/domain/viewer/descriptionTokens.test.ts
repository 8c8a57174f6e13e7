import { describe, expect, it } from 'vitest';
import { descriptionSimilarity, descriptionTokens } from './descriptionTokens';

const tokens = (s: string) => [...descriptionTokens(s)].sort();

describe('descriptionTokens', () => {
  it.each([
    ['AX T2 FLAIR', ['AX', 'FLAIR', 'T2']],
    ['Axial T2 Flair', ['AX', 'FLAIR', 'T2']],
    ['T2 FLAIR axiale', ['AX', 'FLAIR', 'T2']],
    ['Sagittal DP FS', ['FATSAT', 'PD', 'SAG']],
    ['SAG PD FAT SAT', ['FATSAT', 'PD', 'SAG']],
    ['COR T1', ['COR', 'T1']],
    ['THX MED C+', ['CONTRAST', 'MEDIASTINUM', 'THORAX']],
    ['Thorax médiastin avec injection', ['CONTRAST', 'MEDIASTINUM', 'THORAX']],
    ['THORAX SANS INJECTION', ['NOCONTRAST', 'THORAX']],
    ['Scanner thoracique non injecté', ['NOCONTRAST', 'THORAX']],
    ['CHEST W/O CONTRAST', ['NOCONTRAST', 'THORAX']],
    ['Chest w/ contrast', ['CONTRAST', 'THORAX']],
    ['THORAX C-', ['NOCONTRAST', 'THORAX']],
    ['Crâne sans IV', ['HEAD', 'NOCONTRAST']],
    ['S3 THORAX PARENCHYME 1.25 mm', ['LUNG', 'THORAX']],
    ['Série 4 - Poumons', ['LUNG']],
    ['TDM TAP PORTAL 1.25', ['PORTAL', 'TAP']],
    ['RADIOGRAPHIE THORAX FACE', ['FRONTAL', 'THORAX']],
    ['Thorax PA', ['FRONTAL', 'THORAX']],
    ['RACHIS LOMBAIRE FACE PROFIL', ['FRONTAL', 'LAT', 'LUMBAR', 'SPINE']],
    ['Genou droit', ['KNEE', 'RIGHT']],
    ['', []],
  ])('%s', (description, expected) => {
    expect(tokens(description)).toEqual(expected);
  });
});

describe('descriptionSimilarity', () => {
  it.each([
    ['AX T2 FLAIR', 'Axial T2 Flair', 1],
    ['THORAX MEDIASTIN', 'THORAX MEDIASTIN', 1],
    ['THX MED C+', 'Thorax médiastin avec injection', 1],
    ['AX T2', 'AX T2 FLAIR', 2 / 3],
    ['THORAX MEDIASTIN SANS INJECTION', 'THORAX MEDIASTIN AVEC INJECTION', 2 / 4],
    ['AX T1', 'AX T2 FLAIR', 1 / 4],
    ['THORAX PARENCHYME', 'THORAX MEDIASTIN', 1 / 3],
    ['SAG T2', '', 0],
  ])('%s ~ %s', (a, b, expected) => {
    expect(descriptionSimilarity(a, b)).toBeCloseTo(expected, 9);
    expect(descriptionSimilarity(b, a)).toBeCloseTo(expected, 9);
  });
});
