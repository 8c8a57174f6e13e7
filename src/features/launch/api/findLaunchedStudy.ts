// Asks every source of the region, in parallel, for the exam a STUDY launch names. A
// source that fails any of its searches counts as not having answered: the GP is told
// which sources were asked and which were silent, never a bare "not found" — and a source
// waiting for the patient's consent is said to be that.
import {
  studyLookupQueries,
  type SourceAnswer,
  type StudyTarget,
} from '../../../domain/launch/launchDestination';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import type { PublicSource } from '../../../domain/publicConfig';
import { gateway } from '../../../lib/api/gatewayClient';
import { GatewayError } from '../../../lib/api/gatewayError';
import { sourcePath } from '../../../lib/api/sourcePath';

export async function findLaunchedStudy(opts: {
  target: StudyTarget;
  sources: readonly PublicSource[];
  /** A patient user's own identity: their searches must name it. */
  self?: PatientIdentifier;
}): Promise<SourceAnswer[]> {
  const queries = studyLookupQueries(opts.target, opts.self);
  return Promise.all(
    opts.sources.map(async (source): Promise<SourceAnswer> => {
      try {
        const answers = await Promise.all(
          queries.map((query) =>
            gateway.dicomJson(sourcePath(source.id, 'studies'), {
              query: Object.fromEntries(query),
              timeoutMs: source.timeoutMs,
            }),
          ),
        );
        return { sourceId: source.id, ok: true, datasets: answers.flat() };
      } catch (error) {
        console.warn(
          `launch: source ${source.id} did not answer`,
          error instanceof Error ? error.name : '',
        );
        // A consent-gated archive saying « consent required » did answer: the page offers
        // the consent there instead of calling it silent.
        const consentRequired = error instanceof GatewayError && error.reason === 'consentRequired';
        return { sourceId: source.id, ok: false, ...(consentRequired ? { consentRequired } : {}) };
      }
    }),
  );
}
