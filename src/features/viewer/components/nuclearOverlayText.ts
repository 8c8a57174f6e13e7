// What the overlay says about a PET or NM image, in the reader's language: the PET's unit
// (SUVbw, or why not and in which stored unit instead), its window in those units, and
// which detector and energy window an NM frame comes from.
import type { TFunction } from 'i18next';
import type { NuclearSeries } from '../../../domain/viewer/nuclearSeries';
import type { VoiRange } from '../../../domain/viewer/windowPresets';

export interface NuclearOverlayText {
  /** « SUVbw » when the PET is in SUV. */
  unit: string | null;
  /** « SUV indisponible : poids du patient absent… — valeurs en Bq/ml ». */
  unavailable: string | null;
  /** The window in the PET's units (« Fenêtre SUV 0 – 5 »); null: the usual F / N. */
  window: string | null;
  /** « Détecteur 1 — fenêtre 2 » for the NM frame shown. */
  frame: string | null;
}

function unitsName(t: TFunction, stored: string): string {
  return stored === 'BQML' || stored === 'CNTS' || stored === 'GML'
    ? t(`nuclear.units.${stored}`)
    : t('nuclear.units.none');
}

export function nuclearOverlayText(
  t: TFunction,
  language: string,
  nuclear: NuclearSeries | undefined,
  frameIndex: number,
  voi: VoiRange | null,
): NuclearOverlayText {
  const out: NuclearOverlayText = { unit: null, unavailable: null, window: null, frame: null };
  if (!nuclear) return out;
  const suv = nuclear.suv;
  // SUV windows are a few units wide: their bounds need a decimal, HU windows do not.
  const format = (n: number, digits: number) =>
    n.toLocaleString(language, { maximumFractionDigits: digits });
  if (suv?.ok) {
    out.unit = t('nuclear.suvUnit');
    if (voi) {
      out.window = t('nuclear.suvWindow', {
        lower: format(voi.lower, 2),
        upper: format(voi.upper, 2),
      });
    }
  } else if (suv) {
    const reason = t(`nuclear.reason.${suv.code}`, { attribute: suv.attribute });
    const units = unitsName(t, suv.storedUnits);
    out.unavailable = t('nuclear.unavailable', { reason, units });
    if (voi) {
      out.window = t('nuclear.storedWindow', {
        lower: format(voi.lower, 0),
        upper: format(voi.upper, 0),
        units,
      });
    }
  }
  const label = nuclear.frameLabels?.[frameIndex];
  if (label) {
    const { detector, energyWindow } = label;
    let text: string | null = null;
    if (detector !== null && energyWindow !== null)
      text = t('nuclear.frame.both', { detector, window: energyWindow });
    else if (detector !== null) text = t('nuclear.frame.detector', { detector });
    else if (energyWindow !== null) text = t('nuclear.frame.window', { window: energyWindow });
    if (text && label.energyWindowName)
      text = `${text} ${t('nuclear.frame.windowName', { name: label.energyWindowName })}`;
    if (text && label.startMs !== null)
      text = `${text} · ${t('nuclear.frame.start', { seconds: format(label.startMs / 1000, 1) })}`;
    out.frame = text;
  }
  return out;
}
