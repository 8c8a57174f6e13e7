// Which CISIS regions a study covers, and how we know. Coded data (BodyPartExamined,
// Anatomic Region Sequence) is what the modality recorded; a description is what a person
// typed. So, per series: its codes when they map to a region, otherwise its description;
// the study's own description only when no series and no study-level code said anything.
// Nothing found → NOT_SPECIFIED: a region is never guessed.
//
// One modality rule: MG is mammography, breast imaging by definition (CID 29), so an MG
// series always counts for « Sein » (found by `modality`) — even with no other data.
import { regionsOfBodyPart, regionsOfCode } from './bodyPartTable';
import { regionsOfDescription } from './descriptionKeywords';
import { NOT_SPECIFIED, REGION, REGIONS } from './regions';
import type { RegionCode, RegionOrUnspecified } from './regions';

export type RegionEvidence = 'bodyPart' | 'anatomicRegionSequence' | 'description' | 'modality';

export interface RegionFinding {
  code: RegionOrUnspecified;
  /** Every way this region was found, in the order above. */
  via: RegionEvidence[];
}

interface Code {
  value: string;
  scheme: string;
}

/** The few attributes of a study that speak of anatomy (a StudyRecord fits). */
export interface StudyAnatomy {
  description: string;
  /** ModalitiesInStudy, for the MG rule when series are not known. */
  modalities?: readonly string[];
  bodyPartsExamined?: readonly string[];
  anatomicRegions?: readonly Code[];
}

/** The few attributes of a series that speak of anatomy (a SeriesRecord fits). */
export interface SeriesAnatomy {
  modality: string;
  bodyPartExamined: string;
  description: string;
  anatomicRegions: readonly Code[];
}

const EVIDENCE_ORDER: readonly RegionEvidence[] = [
  'bodyPart',
  'anatomicRegionSequence',
  'modality',
  'description',
];

class Findings {
  private readonly byRegion = new Map<RegionCode, Set<RegionEvidence>>();

  add(regions: Iterable<RegionCode>, via: RegionEvidence): number {
    let n = 0;
    for (const r of regions) {
      const set = this.byRegion.get(r) ?? new Set();
      set.add(via);
      this.byRegion.set(r, set);
      n++;
    }
    return n;
  }

  get size(): number {
    return this.byRegion.size;
  }

  list(): RegionFinding[] {
    return REGIONS.filter((r) => this.byRegion.has(r.code)).map((r) => {
      const via = this.byRegion.get(r.code) ?? new Set();
      return { code: r.code, via: EVIDENCE_ORDER.filter((e) => via.has(e)) };
    });
  }
}

/** Adds what the codes say; the number of regions they named (0: no usable code). */
function addCoded(
  findings: Findings,
  bodyParts: readonly string[],
  codes: readonly Code[],
): number {
  let n = 0;
  for (const bp of bodyParts) n += findings.add(regionsOfBodyPart(bp) ?? [], 'bodyPart');
  for (const c of codes) n += findings.add(regionsOfCode(c) ?? [], 'anatomicRegionSequence');
  return n;
}

export function regionsOfStudy(
  study: StudyAnatomy,
  series: readonly SeriesAnatomy[],
): RegionFinding[] {
  const findings = new Findings();
  addCoded(findings, study.bodyPartsExamined ?? [], study.anatomicRegions ?? []);
  if (study.modalities?.includes('MG')) findings.add([REGION.breast], 'modality');
  for (const s of series) {
    const coded = addCoded(findings, [s.bodyPartExamined], s.anatomicRegions);
    if (s.modality === 'MG') findings.add([REGION.breast], 'modality');
    else if (coded === 0) findings.add(regionsOfDescription(s.description), 'description');
  }
  if (findings.size === 0) findings.add(regionsOfDescription(study.description), 'description');
  return findings.size === 0 ? [{ code: NOT_SPECIFIED, via: [] }] : findings.list();
}
