import type { Messages } from '../messages';
import type { nuclearFr } from './nuclear.fr';

export const nuclearEn: Messages<typeof nuclearFr> = {
  colormap: 'Colour map',
  colormaps: {
    greyInverted: 'Inverted grey',
    grey: 'Grey',
    hotIron: 'Hot iron',
    rainbow: 'Rainbow',
  },
  suvUnit: 'SUVbw',
  suvWindow: 'SUV window {{lower}} – {{upper}}',
  storedWindow: 'Window {{lower}} – {{upper}} {{units}}',
  units: {
    BQML: 'Bq/ml',
    CNTS: 'counts',
    GML: 'g/ml',
    none: 'stored units',
  },
  unavailable: 'SUV unavailable: {{reason}} — values in {{units}}',
  reason: {
    notPet: 'not a PET series',
    noInstance: 'no readable image',
    patientWeight: 'patient weight missing or invalid (PatientWeight)',
    injectedDose: 'injected dose missing or invalid (RadionuclideTotalDose)',
    halfLife: 'radionuclide half-life missing (RadionuclideHalfLife)',
    injectionTime: 'injection time missing or unreadable ({{attribute}})',
    seriesTime: 'series date or time missing or unreadable ({{attribute}})',
    acquisitionTime: 'acquisition date or time missing or unreadable ({{attribute}})',
    units: 'pixel units are not quantitative (Units)',
    countsWithoutFactor: 'pixels in counts (Units CNTS) without a Philips calibration factor',
    decayCorrection: 'decay correction neither START nor ADMIN (DecayCorrection)',
    correctedImage:
      'image not corrected for decay or attenuation (CorrectedImage without DECY or ATTN)',
    injectionAfterScan: 'injection after the acquisition’s start ({{attribute}})',
    notOneSeries: 'value differs between the series’ images ({{attribute}})',
    other: 'inconsistent quantification attributes',
  },
  frame: {
    both: 'Detector {{detector}} — window {{window}}',
    detector: 'Detector {{detector}}',
    window: 'Window {{window}}',
    windowName: '({{name}})',
    start: 't = {{seconds}} s',
  },
};
