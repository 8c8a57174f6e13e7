import { describe, expect, it } from 'vitest';
import type { DicomDataset } from '../../../domain/dicom/dicomJson';
import { suvScalingOf } from '../../../domain/viewer/petSuv';
import { calculateSuv } from '../../../lib/cornerstone/suvCalculator';
import { i18n } from '../../../lib/i18n';
import { nuclearOverlayText } from './nuclearOverlayText';

const el = (vr: string, ...Value: unknown[]) => ({ vr, Value });

function pet(changes: Record<string, unknown> = {}): DicomDataset {
  const ds: Record<string, unknown> = {
    '00080018': el('UI', '1.1'),
    '00080060': el('CS', 'PT'),
    '00080021': el('DA', '20260115'),
    '00080031': el('TM', '103000'),
    '00080022': el('DA', '20260115'),
    '00080032': el('TM', '103000'),
    '00101030': el('DS', '70'),
    '00280051': el('CS', 'ATTN', 'DECY'),
    '00541001': el('CS', 'BQML'),
    '00541102': el('CS', 'START'),
    '00540016': {
      vr: 'SQ',
      Value: [
        {
          '00181078': el('DT', '20260115093000'),
          '00181074': el('DS', 3e8),
          '00181075': el('DS', 6586.2),
        },
      ],
    },
    ...changes,
  };
  for (const [k, v] of Object.entries(ds)) if (v === undefined) delete ds[k];
  return ds;
}

describe('what the overlay says about a PET or an NM frame', () => {
  const t = i18n.getFixedT('fr');

  it('names SUVbw and writes the window in SUV with decimals', () => {
    const text = nuclearOverlayText(
      t,
      'fr',
      { suv: suvScalingOf([pet()], calculateSuv), frameLabels: null },
      0,
      {
        lower: 0,
        upper: 2.5,
      },
    );
    expect(text.unit).toBe('SUVbw');
    expect(text.unavailable).toBeNull();
    expect(text.window).toBe('Fenêtre SUV 0 – 2,5');
  });

  it('says which attribute is missing and that values are in Bq/ml, in French and English', () => {
    const nuclear = {
      suv: suvScalingOf([pet({ '00101030': undefined })], calculateSuv),
      frameLabels: null,
    };
    const fr = nuclearOverlayText(t, 'fr', nuclear, 0, { lower: 0, upper: 20000 });
    expect(fr.unit).toBeNull();
    expect(fr.unavailable).toBe(
      'SUV indisponible : poids du patient absent ou invalide (PatientWeight) — valeurs en Bq/ml',
    );
    expect(fr.window?.replace(/\u202f|\u00a0/g, ' ')).toBe('Fenêtre 0 – 20 000 Bq/ml');
    const en = nuclearOverlayText(i18n.getFixedT('en'), 'en', nuclear, 0, null);
    expect(en.unavailable).toBe(
      'SUV unavailable: patient weight missing or invalid (PatientWeight) — values in Bq/ml',
    );
  });

  it('names the attribute of a contradiction (injection after the start)', () => {
    const late = pet({
      '00540016': {
        vr: 'SQ',
        Value: [
          {
            '00181078': el('DT', '20260115110000'),
            '00181074': el('DS', 3e8),
            '00181075': el('DS', 6586.2),
          },
        ],
      },
    });
    const text = nuclearOverlayText(
      t,
      'fr',
      { suv: suvScalingOf([late], calculateSuv), frameLabels: null },
      0,
      null,
    );
    expect(text.unavailable).toBe(
      'SUV indisponible : injection postérieure au début de l’acquisition (RadiopharmaceuticalStartDateTime) — valeurs en Bq/ml',
    );
  });

  it('names the NM frame’s detector and energy window', () => {
    const nuclear = {
      suv: null,
      frameLabels: [
        { detector: 1, energyWindow: 1, energyWindowName: '', startMs: null },
        { detector: 2, energyWindow: 1, energyWindowName: 'Tc99m', startMs: 4500 },
        null,
      ],
    };
    expect(nuclearOverlayText(t, 'fr', nuclear, 0, null).frame).toBe('Détecteur 1 — fenêtre 1');
    expect(nuclearOverlayText(t, 'fr', nuclear, 1, null).frame).toBe(
      'Détecteur 2 — fenêtre 1 (Tc99m) · t = 4,5 s',
    );
    expect(nuclearOverlayText(t, 'fr', nuclear, 2, null).frame).toBeNull();
  });
});
