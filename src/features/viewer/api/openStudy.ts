// Opens a study from its opaque key: the gateway unseals the key (for this user only), then
// the key's sources are asked, in order, for the study's series; the first that answers
// with series wins. Nothing of the study travels in the URL but the key.
import { num } from '../../../domain/dicom/dicomJson';
import { parseSeriesItem } from '../../../domain/dicom/studyRecords';
import type { PublicSource } from '../../../domain/publicConfig';
import { needsConsent } from '../../../domain/federation/consentOutcome';
import { reasonForFailure, type SourceFailureReason } from '../../../domain/sourceFailure';
import type { SeriesSummary } from '../../../domain/viewer/firstSeries';
import { mergeRepeatedSeries } from '../../../domain/viewer/repeatedSeries';
import { readStudyTarget, sourcesToTry } from '../../../domain/viewer/studyKey';
import { DicomwebError, fetchDicomJson, sourcePath } from '../../../lib/dicomweb';
import { OpaqueKeyError, resolveOpaqueKey } from '../../../lib/opaqueKeys';

export interface OpenedStudy {
  source: PublicSource;
  studyInstanceUID: string;
  series: SeriesSummary[];
  /** The launch asked for the key images only (IID `keyImagesOnly=true`). */
  keyImagesOnly?: true;
}

export type OpenStudyFailure =
  | { kind: 'badKey' }
  | { kind: 'sessionExpired' }
  | { kind: 'notFound' }
  /** The regional archive holds it, but the patient's consent is needed first (issue 6). */
  | { kind: 'consentRequired' }
  | { kind: 'forbidden' }
  | { kind: 'sourcesDown'; reason: SourceFailureReason };

export class OpenStudyError extends Error {
  constructor(readonly failure: OpenStudyFailure) {
    super(`cannot open the study: ${failure.kind}`);
    this.name = 'OpenStudyError';
  }
}

const SERIES_NUMBER = '00200011';

export async function openStudy(options: {
  key: string;
  accessToken: string;
  sources: readonly PublicSource[];
  signal?: AbortSignal;
}): Promise<OpenedStudy> {
  let value: unknown;
  try {
    value = await resolveOpaqueKey(options.key, 'study', options.accessToken);
  } catch (error) {
    if (error instanceof OpaqueKeyError && error.status === 401) {
      throw new OpenStudyError({ kind: 'sessionExpired' });
    }
    if (error instanceof OpaqueKeyError && error.status < 500) {
      throw new OpenStudyError({ kind: 'badKey' });
    }
    throw new OpenStudyError({ kind: 'sourcesDown', reason: 'gatewayUnreachable' });
  }
  const target = readStudyTarget(value);
  if (!target) throw new OpenStudyError({ kind: 'badKey' });

  const byId = new Map(options.sources.map((s) => [s.id, s]));
  let lastFailure: SourceFailureReason | null = null;
  let refusal: OpenStudyFailure | null = null;
  for (const id of sourcesToTry(
    target,
    options.sources.map((s) => s.id),
  )) {
    const source = byId.get(id);
    if (!source) continue;
    try {
      const items = await fetchDicomJson({
        path: sourcePath(source.id, `studies/${target.studyInstanceUID}/series`),
        accessToken: options.accessToken,
        timeoutMs: source.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const series = items.flatMap((ds) => {
        const s = parseSeriesItem(ds);
        if (!s) return [];
        return [
          {
            seriesInstanceUID: s.seriesInstanceUid,
            modality: s.modality,
            description: s.description,
            numberOfInstances: s.numberOfInstances,
            seriesNumber: num(ds, SERIES_NUMBER),
          },
        ];
      });
      if (series.length > 0) {
        return {
          source,
          studyInstanceUID: target.studyInstanceUID,
          // A source may list one series UID twice (domain/viewer/repeatedSeries.ts).
          series: mergeRepeatedSeries(series),
          ...(target.keyImagesOnly ? { keyImagesOnly: true as const } : {}),
        };
      }
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (!(error instanceof DicomwebError)) throw error;
      const reason = reasonForFailure(error.failure);
      if (reason === 'sessionExpired') throw new OpenStudyError({ kind: 'sessionExpired' });
      const f = error.failure;
      if (f.kind === 'http' && needsConsent(f.status, f.body)) {
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
