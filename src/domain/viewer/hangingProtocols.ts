// Hanging protocols: how a study — and its priors in compare mode — is laid out on screen.
// They are a table a radiologist can read and amend (HANGING_PROTOCOL_RULES below), not code
// per case: each row says which exams it is for (modality, CISIS region), and draws its grid
// of panes, row by row, left to right, each pane naming a study and what it shows:
//
//   current / prior / prior2   today's study, the first prior, the second prior (as passed)
//   RCC LCC RMLO LMLO          one mammography image, by view code and laterality
//   PA                         the frontal radiograph (PA, else AP)
//   LAT                        the lateral radiograph (LL, RL or LAT)
//   axial                      today's axial CT/MR volume; on a prior, the series paired with it
//   first                      today's first series (firstSeries.ts); on a prior, the series
//                              paired with it, else the prior's own first series
//   CT PT fusion MIP           today's PET/CT pair (petCtPairing.ts): its CT, its PET, the PET
//                              over the CT, the PET's maximum-intensity projection — the
//                              fusion view draws them (a row of them opens that view)
//
// A row applies when the studies it shows match its modalities and regions and every pane
// finds its image or series — which is also how the number of images matters: the four-view
// layout needs its four views. Applicable rows are offered best first, in table order; then
// one fallback row — the one showing the most of the studies passed — closes the list, so
// every study opens on something.
//
// Mammography rows hang the breasts mirrored, back to back (breastOrientation.ts), flipping
// an image only where its Patient Orientation says it was stored the other way.
import { REGION } from '../anatomy/regions';
import { isImageModality } from '../dicom/modalities';
import { breastFlips } from './breastOrientation';
import type { PetCtPair } from './petCtPairing';
import { seriesToShowFirst } from './firstSeries';
import { pairSeries, planeOfSeries, type PairableSeries, type Plane } from './seriesPairing';
import { viewKey, type ViewKey } from './viewCodes';

export interface HangingImage {
  seriesInstanceUID: string;
  sopInstanceUID: string;
  frame: number;
  modality: string;
  /** CC, MLO, ML, LM, PA, AP, LL, RL, LAT… from ViewCodeSequence / ViewPosition. */
  viewCode: string | null;
  /** ImageLaterality, else Laterality. */
  laterality: 'L' | 'R' | null;
  /** (0020,0020): the patient directions of the rows and of the columns, e.g. ['P', 'L']. */
  patientOrientation: [string, string] | null;
  plane: Plane | null;
}

export interface HangingStudy {
  role: 'current' | 'prior';
  studyInstanceUID: string;
  modalities: string[];
  /** CISIS region codes (MergedStudy.regions). */
  regions: string[];
  series: PairableSeries[];
  images: HangingImage[];
  /** The PET and CT that fuse, when the study holds them (petCtPairing.ts). */
  petCt?: PetCtPair | null;
}

export interface PaneAssignment {
  row: number;
  column: number;
  role: 'current' | 'prior';
  /** Which study the pane shows: with two priors, `role` alone does not say. */
  studyInstanceUID?: string;
  seriesInstanceUID: string;
  sopInstanceUID?: string;
  frame?: number;
  flipHorizontal: boolean;
  /** Mammography only: the image was stored upside down for the convention. */
  flipVertical?: boolean;
  /** i18n key suffix, e.g. 'RCC'. */
  label: string;
}

export interface HangingProtocol {
  id: string;
  /** i18n key of its name. */
  name: string;
  rows: number;
  columns: number;
  panes: PaneAssignment[];
}

export type PaneStudy = 'current' | 'prior' | 'prior2';
export type PaneContent =
  | 'RCC'
  | 'LCC'
  | 'RMLO'
  | 'LMLO'
  | 'PA'
  | 'LAT'
  | 'axial'
  | 'first'
  | 'CT'
  | 'PT'
  | 'fusion'
  | 'MIP';
/** One pane of a layout: « current RCC », « prior axial »… */
export type PaneCell = `${PaneStudy} ${PaneContent}`;

export interface HangingProtocolRule {
  id: string;
  /** i18n key of its name. */
  name: string;
  /** The studies shown hold one of these modalities. */
  modalities: readonly string[] | 'any';
  /** …and cover one of these CISIS regions. */
  regions: readonly string[] | 'any';
  /** Rows of panes, each left to right. */
  layout: readonly (readonly PaneCell[])[];
  /** 'mirroredBreasts': right breast chest wall right, left breast chest wall left. */
  orientation: 'asStored' | 'mirroredBreasts';
  /** Closes the list when nothing better applies. */
  fallback?: true;
}

type Row = Omit<HangingProtocolRule, 'name'>;

const MG = ['MG'];
const CT_MR = ['CT', 'MR'];
const RADIOGRAPHY = ['CR', 'DX'];
const BREAST = [REGION.breast];
const THORAX = [REGION.thorax];

/** The row whose panes are the PET/CT fusion view's (the workspace opens that view for it). */
export const PET_CT_FUSION_PROTOCOL = 'petCtFusion';

const TABLE: readonly Row[] = [
  {
    id: PET_CT_FUSION_PROTOCOL,
    modalities: ['PT'],
    regions: 'any',
    orientation: 'asStored',
    layout: [
      ['current CT', 'current PT'],
      ['current fusion', 'current MIP'],
    ],
  },
  {
    id: 'mammoFourViews',
    modalities: MG,
    regions: BREAST,
    orientation: 'mirroredBreasts',
    layout: [
      ['current RCC', 'current LCC'],
      ['current RMLO', 'current LMLO'],
    ],
  },
  {
    id: 'mammoCompareCC',
    modalities: MG,
    regions: BREAST,
    orientation: 'mirroredBreasts',
    layout: [
      ['current RCC', 'prior RCC'],
      ['current LCC', 'prior LCC'],
    ],
  },
  {
    id: 'mammoCompareMLO',
    modalities: MG,
    regions: BREAST,
    orientation: 'mirroredBreasts',
    layout: [
      ['current RMLO', 'prior RMLO'],
      ['current LMLO', 'prior LMLO'],
    ],
  },
  {
    id: 'mammoCompareRCC',
    modalities: MG,
    regions: BREAST,
    orientation: 'mirroredBreasts',
    layout: [['current RCC', 'prior RCC']],
  },
  {
    id: 'mammoCompareLCC',
    modalities: MG,
    regions: BREAST,
    orientation: 'mirroredBreasts',
    layout: [['current LCC', 'prior LCC']],
  },
  {
    id: 'mammoCompareRMLO',
    modalities: MG,
    regions: BREAST,
    orientation: 'mirroredBreasts',
    layout: [['current RMLO', 'prior RMLO']],
  },
  {
    id: 'mammoCompareLMLO',
    modalities: MG,
    regions: BREAST,
    orientation: 'mirroredBreasts',
    layout: [['current LMLO', 'prior LMLO']],
  },
  {
    id: 'axialCompareTwoPriors',
    modalities: CT_MR,
    regions: 'any',
    orientation: 'asStored',
    layout: [['current axial', 'prior axial', 'prior2 axial']],
  },
  {
    id: 'axialCompare',
    modalities: CT_MR,
    regions: 'any',
    orientation: 'asStored',
    layout: [['current axial', 'prior axial']],
  },
  {
    id: 'chestCompare',
    modalities: RADIOGRAPHY,
    regions: THORAX,
    orientation: 'asStored',
    layout: [
      ['current PA', 'current LAT'],
      ['prior PA', 'prior LAT'],
    ],
  },
  {
    id: 'chestCompareFrontal',
    modalities: RADIOGRAPHY,
    regions: THORAX,
    orientation: 'asStored',
    layout: [['current PA', 'prior PA']],
  },
  {
    id: 'chestTwoViews',
    modalities: RADIOGRAPHY,
    regions: THORAX,
    orientation: 'asStored',
    layout: [['current PA', 'current LAT']],
  },
  {
    id: 'fallbackTwoPriors',
    modalities: 'any',
    regions: 'any',
    orientation: 'asStored',
    layout: [['current first', 'prior first', 'prior2 first']],
    fallback: true,
  },
  {
    id: 'fallbackCompare',
    modalities: 'any',
    regions: 'any',
    orientation: 'asStored',
    layout: [['current first', 'prior first']],
    fallback: true,
  },
  {
    id: 'fallback',
    modalities: 'any',
    regions: 'any',
    orientation: 'asStored',
    layout: [['current first']],
    fallback: true,
  },
];

const nameOf = (id: string) => `viewer.hangingProtocols.${id}`;

export const HANGING_PROTOCOL_RULES: readonly HangingProtocolRule[] = TABLE.map((row) => ({
  ...row,
  name: nameOf(row.id),
}));

/** What each pane content picks: one image by view (in order of preference), or a series. */
type Pick =
  | { image: readonly ViewKey[]; laterality?: 'L' | 'R' }
  | { series: 'axialVolume' | 'first' }
  | { fused: 'ct' | 'pet' };

const PICKS: Readonly<Record<PaneContent, Pick>> = {
  RCC: { image: ['CC'], laterality: 'R' },
  LCC: { image: ['CC'], laterality: 'L' },
  RMLO: { image: ['MLO'], laterality: 'R' },
  LMLO: { image: ['MLO'], laterality: 'L' },
  PA: { image: ['PA', 'AP'] },
  LAT: { image: ['LAT'] },
  axial: { series: 'axialVolume' },
  first: { series: 'first' },
  CT: { fused: 'ct' },
  PT: { fused: 'pet' },
  fusion: { fused: 'pet' },
  MIP: { fused: 'pet' },
};

const upper = (values: readonly string[]) => values.map((v) => v.trim().toUpperCase());

function accepts(rule: HangingProtocolRule, study: HangingStudy): boolean {
  const modalities = upper(study.modalities);
  const modalityOk =
    rule.modalities === 'any' || rule.modalities.some((m) => modalities.includes(m));
  const regionOk = rule.regions === 'any' || rule.regions.some((r) => study.regions.includes(r));
  return modalityOk && regionOk;
}

/** A series' plane: its own, else its first image's, else what its description names. */
function withPlanes(study: HangingStudy): PairableSeries[] {
  return study.series.map((s) => {
    const image = study.images.find((i) => i.seriesInstanceUID === s.seriesInstanceUID);
    return { ...s, plane: s.plane ?? image?.plane ?? planeOfSeries(s) };
  });
}

function firstOf(series: readonly PairableSeries[]): PairableSeries | null {
  return seriesToShowFirst(
    series.map((s) => ({
      ...s,
      seriesNumber: s.seriesNumber ?? null,
      numberOfInstances: s.numberOfInstances ?? null,
    })),
  );
}

/** Today's axial volume: an axial series, else one whose plane is unknown; never another. */
function axialVolumeOf(series: readonly PairableSeries[], modalities: readonly string[]) {
  const volumes = series.filter((s) => modalities.includes(s.modality.trim().toUpperCase()));
  const axial = volumes.filter((s) => s.plane === 'axial');
  return firstOf(axial.length > 0 ? axial : volumes.filter((s) => !s.plane));
}

/** The studies of one request, with what is worth computing once per study. */
class Studies {
  private readonly planes = new Map<HangingStudy, PairableSeries[]>();
  private readonly pairs = new Map<HangingStudy, Map<string, string | null>>();

  constructor(
    readonly current: HangingStudy,
    private readonly priors: readonly HangingStudy[],
  ) {}

  study(role: PaneStudy): HangingStudy | undefined {
    return role === 'current' ? this.current : this.priors[role === 'prior' ? 0 : 1];
  }

  series(study: HangingStudy): PairableSeries[] {
    const known = this.planes.get(study);
    if (known) return known;
    const series = withPlanes(study);
    this.planes.set(study, series);
    return series;
  }

  /** The prior series paired with one of today's (seriesPairing.ts). */
  pairOf(prior: HangingStudy, currentSeriesUID: string): PairableSeries | null {
    let pairs = this.pairs.get(prior);
    if (!pairs) {
      pairs = pairSeries(this.series(this.current), this.series(prior));
      this.pairs.set(prior, pairs);
    }
    const uid = pairs.get(currentSeriesUID);
    return this.series(prior).find((s) => s.seriesInstanceUID === uid) ?? null;
  }
}

function imagePane(
  rule: HangingProtocolRule,
  study: HangingStudy,
  pick: { image: readonly ViewKey[]; laterality?: 'L' | 'R' },
  taken: Set<HangingImage>,
): Omit<PaneAssignment, 'row' | 'column' | 'role'> | null {
  const candidates = study.images.filter(
    (i) =>
      !taken.has(i) &&
      isImageModality(i.modality.trim().toUpperCase()) &&
      (rule.modalities === 'any' || rule.modalities.includes(i.modality.trim().toUpperCase())) &&
      (pick.laterality === undefined || i.laterality === pick.laterality),
  );
  for (const view of pick.image) {
    const image = candidates.find((i) => viewKey(i.viewCode) === view);
    if (!image) continue;
    taken.add(image);
    const flips =
      rule.orientation === 'mirroredBreasts'
        ? breastFlips(image.laterality, view, image.patientOrientation)
        : { flipHorizontal: false, flipVertical: false };
    return {
      studyInstanceUID: study.studyInstanceUID,
      seriesInstanceUID: image.seriesInstanceUID,
      sopInstanceUID: image.sopInstanceUID,
      frame: image.frame,
      ...flips,
      label: `${pick.laterality ?? ''}${view}`,
    };
  }
  return null;
}

/** Today's series for a series pick; a prior's is paired with it. */
function currentSeriesFor(
  rule: HangingProtocolRule,
  studies: Studies,
  what: 'axialVolume' | 'first',
): PairableSeries | null {
  const series = studies.series(studies.current);
  if (what === 'first') return firstOf(series);
  return axialVolumeOf(series, rule.modalities === 'any' ? CT_MR : rule.modalities);
}

function seriesPane(
  rule: HangingProtocolRule,
  studies: Studies,
  study: HangingStudy,
  what: 'axialVolume' | 'first',
  label: string,
): Omit<PaneAssignment, 'row' | 'column' | 'role'> | null {
  const today = currentSeriesFor(rule, studies, what);
  let chosen: PairableSeries | null = today;
  if (study !== studies.current) {
    const paired = today ? studies.pairOf(study, today.seriesInstanceUID) : null;
    const nonAxial = (s: PairableSeries | null) => !!s?.plane && s.plane !== 'axial';
    if (what === 'axialVolume') chosen = nonAxial(paired) ? null : paired;
    else chosen = paired ?? firstOf(studies.series(study));
  }
  if (!chosen) return null;
  return {
    studyInstanceUID: study.studyInstanceUID,
    seriesInstanceUID: chosen.seriesInstanceUID,
    flipHorizontal: false,
    flipVertical: false,
    label,
  };
}

/** Today's PET/CT pair only: a prior's PET is not fused here. */
function fusedPane(
  studies: Studies,
  study: HangingStudy,
  what: 'ct' | 'pet',
  label: string,
): Omit<PaneAssignment, 'row' | 'column' | 'role'> | null {
  const pair = study === studies.current ? study.petCt : null;
  if (!pair) return null;
  return {
    studyInstanceUID: study.studyInstanceUID,
    seriesInstanceUID: what === 'ct' ? pair.ctSeriesInstanceUID : pair.petSeriesInstanceUID,
    flipHorizontal: false,
    flipVertical: false,
    label,
  };
}

function apply(rule: HangingProtocolRule, studies: Studies): HangingProtocol | null {
  const panes: PaneAssignment[] = [];
  const taken = new Set<HangingImage>();
  for (const [row, cells] of rule.layout.entries()) {
    for (const [column, cell] of cells.entries()) {
      const [role, content] = cell.split(' ') as [PaneStudy, PaneContent];
      const study = studies.study(role);
      if (!study || !accepts(rule, study)) return null;
      const pick = PICKS[content];
      const pane =
        'image' in pick
          ? imagePane(rule, study, pick, taken)
          : 'fused' in pick
            ? fusedPane(studies, study, pick.fused, content)
            : seriesPane(rule, studies, study, pick.series, content);
      if (!pane) return null;
      panes.push({ row, column, role: role === 'current' ? 'current' : 'prior', ...pane });
    }
  }
  return {
    id: rule.id,
    name: rule.name,
    rows: rule.layout.length,
    columns: Math.max(...rule.layout.map((cells) => cells.length)),
    panes,
  };
}

/** Applicable protocols, best first, always ending with one fallback. */
export function hangingProtocolsFor(
  current: HangingStudy,
  priors: readonly HangingStudy[],
): HangingProtocol[] {
  const studies = new Studies(current, priors);
  const found: HangingProtocol[] = [];
  for (const rule of HANGING_PROTOCOL_RULES) {
    if (rule.fallback) continue;
    const protocol = apply(rule, studies);
    if (protocol) found.push(protocol);
  }
  const fallbacks = HANGING_PROTOCOL_RULES.filter((r) => r.fallback);
  for (const rule of fallbacks) {
    const protocol = apply(rule, studies);
    if (protocol) return [...found, protocol];
  }
  // Nothing to show at all (no image series): the panel says so in an empty pane.
  return [...found, { id: 'fallback', name: nameOf('fallback'), rows: 1, columns: 1, panes: [] }];
}
