// Opens a study from its opaque key: the gateway unseals the key (for this user only), then
// the key's sources are asked, in order, for the study's series; the first that answers
// with series wins. Nothing of the study travels in the URL but the key.
//
// The series are asked with their patient's attributes and sorted by person
// (domain/viewer/seriesByPatient.ts): a source may hold two patients under one study UID,
// and the viewer shows one patient's series only — the one it was opened for, or, opened
// for nobody, the one the professional chooses.
import type { DicomDataset } from '../../../domain/dicom/dicomJson';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import type { PersonFacts } from '../../../domain/identity/personText';
import type { MissingExams } from '../../../domain/launch/launchDestination';
import type { PublicSource } from '../../../domain/publicConfig';
import type { FailureReason } from '../../../domain/gatewayFailure';
import type { PreviewRequest } from '../../../domain/viewer/firstImagePreview';
import type { SeriesSummary } from '../../../domain/viewer/firstSeries';
import { readStudyTarget, sourcesToTry } from '../../../domain/viewer/studyKey';
import { readStudySeries, SERIES_PATIENT_FIELDS } from '../../../domain/viewer/studySeries';
import { gateway } from '../../../lib/api/gatewayClient';
import { GatewayError } from '../../../lib/api/gatewayError';
import { unsealKey } from '../../../lib/api/opaqueKeys';
import { sourcePath } from '../../../lib/api/sourcePath';
import { takeStudyAhead } from '../../../lib/api/studyAhead';

/** One person a study UID names at a source, for the professional to choose. */
export interface PatientChoice {
  identifiers: PatientIdentifier[];
  facts: PersonFacts;
  seriesCount: number;
}

export interface OpenedStudy {
  source: PublicSource;
  studyInstanceUID: string;
  /** Empty while a patient is to be chosen (`choice`). */
  series: SeriesSummary[];
  /** The launch asked for the key images only (IID `keyImagesOnly=true`). */
  keyImagesOnly?: true;
  /** The launch asked to open beside the most relevant prior (IID `compare=auto`). */
  compare?: 'auto';
  /** Whom every image is held to (domain/viewer/instancesOfPatient.ts). */
  patient?: PatientIdentifier[];
  /** Who the series name, as the source lists them: said above the image while it loads. */
  person?: PersonFacts;
  /** Series of another person this source holds under the UID, set aside. */
  setAside?: { count: number; shown: PersonFacts | null };
  /** Several persons and nobody named: nothing shows until one is chosen. */
  choice?: PatientChoice[];
  /** Other exams the launch asked for that no source held. */
  missing?: MissingExams;
  /**
   * The first image's preview request the gateway computed at the launch's claim, for this
   * series: asked at once, shown only if the metadata yields the very same request.
   */
  previewAhead?: { seriesInstanceUID: string; request: PreviewRequest };
}

export type OpenStudyFailure =
  | { kind: 'badKey' }
  | { kind: 'sessionExpired' }
  | { kind: 'notFound' }
  /** The regional archive holds it, but the patient's consent is needed first (issue 6). */
  | { kind: 'consentRequired' }
  | { kind: 'forbidden' }
  /** The source holds this UID for someone else than the patient it was opened for. */
  | { kind: 'otherPatient' }
  | { kind: 'sourcesDown'; reason: FailureReason };

export class OpenStudyError extends Error {
  constructor(readonly failure: OpenStudyFailure) {
    super(`cannot open the study: ${failure.kind}`);
    this.name = 'OpenStudyError';
  }
}

export async function openStudy(options: {
  key: string;
  sources: readonly PublicSource[];
  /** A patient user's own identity: whatever the key says, only their series are theirs. */
  self?: PatientIdentifier;
  signal?: AbortSignal;
}): Promise<OpenedStudy> {
  let value: unknown;
  try {
    value = await unsealKey(options.key, 'study', options.signal ? { signal: options.signal } : {});
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (error instanceof GatewayError && error.reason === 'sessionExpired') {
      throw new OpenStudyError({ kind: 'sessionExpired' });
    }
    // The gateway's verdict on the key (unknown, of another user, of another kind), or an
    // answer that holds no key value: no other source can do better.
    if (
      error instanceof GatewayError &&
      ((error.status > 0 && error.status < 500) || error.exchange.kind === 'invalidBody')
    ) {
      throw new OpenStudyError({ kind: 'badKey' });
    }
    throw new OpenStudyError({ kind: 'sourcesDown', reason: 'gatewayUnreachable' });
  }
  const target = readStudyTarget(value);
  if (!target) throw new OpenStudyError({ kind: 'badKey' });
  const patient = options.self ? [options.self] : target.patient;

  // What the gateway asked ahead at the launch's claim (server/launch/claimLookup.ts): one
  // source's series list, read here exactly as if this page had asked it; used once.
  const ahead = takeStudyAhead(options.key);
  const byId = new Map(options.sources.map((s) => [s.id, s]));
  let lastFailure: FailureReason | null = null;
  let refusal: OpenStudyFailure | null = null;
  for (const id of sourcesToTry(
    target,
    options.sources.map((s) => s.id),
  )) {
    const source = byId.get(id);
    if (!source) continue;
    try {
      const remembered = ahead?.series?.sourceId === id ? ahead : undefined;
      const items: DicomDataset[] = remembered?.series
        ? remembered.series.datasets
        : await gateway.dicomJson(
            sourcePath(source.id, `studies/${target.studyInstanceUID}/series`),
            {
              query: { includefield: SERIES_PATIENT_FIELDS.join(',') },
              timeoutMs: source.timeoutMs,
              ...(options.signal ? { signal: options.signal } : {}),
            },
          );
      const split = readStudySeries(items, {
        ...(patient ? { patient } : {}),
        // A patient never sees a list of other people to choose from.
        mayChoose: options.self === undefined,
      });
      if (!split) continue;
      if (split.kind === 'none') {
        // Another source may hold the patient's own copy under the same UID.
        refusal ??= { kind: 'otherPatient' };
        continue;
      }
      const common = {
        source,
        studyInstanceUID: target.studyInstanceUID,
        ...(target.keyImagesOnly ? { keyImagesOnly: true as const } : {}),
        ...(target.compare ? { compare: target.compare } : {}),
        ...(target.missing ? { missing: target.missing } : {}),
      };
      if (split.kind === 'choose') {
        return {
          ...common,
          series: [],
          choice: split.groups.map((g) => ({
            identifiers: g.identifiers,
            facts: g.facts,
            seriesCount: new Set(g.series.map((s) => s.seriesInstanceUID)).size,
          })),
        };
      }
      const first = remembered?.first;
      // Only for a series this page shows: the viewer compares it again before showing it.
      const preview = split.series.some((s) => s.seriesInstanceUID === first?.seriesInstanceUID)
        ? first?.preview
        : null;
      return {
        ...common,
        series: split.series,
        ...(split.patient ? { patient: split.patient } : {}),
        ...(split.person ? { person: split.person } : {}),
        ...(split.setAside > 0
          ? { setAside: { count: split.setAside, shown: split.shown ?? null } }
          : {}),
        ...(first && preview
          ? { previewAhead: { seriesInstanceUID: first.seriesInstanceUID, request: preview } }
          : {}),
      };
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (!(error instanceof GatewayError)) throw error;
      const reason = error.reason;
      if (reason === 'sessionExpired') throw new OpenStudyError({ kind: 'sessionExpired' });
      if (reason === 'consentRequired') {
        refusal = { kind: 'consentRequired' };
      } else if (reason === 'forbidden') {
        refusal ??= { kind: 'forbidden' };
      } else {
        lastFailure = reason;
      }
    }
  }
  // A refusal explains more than an outage elsewhere: the user can act on it.
  throw new OpenStudyError(
    refusal ?? (lastFailure ? { kind: 'sourcesDown', reason: lastFailure } : { kind: 'notFound' }),
  );
}
