// "Is this study the patient's own?" asked of the source itself (the only authority on
// what a study contains), remembered for a few minutes so that the hundreds of frame
// requests of one viewing cost one upstream search.
import { LRUCache } from 'lru-cache';
import type { Principal } from '../auth/principal';
import { encodeUpstreamQuery, type QidoQuery } from './upstreamQuery';
import { isJsonType, readJsonBody } from './jsonBody';
import { upstreamFailure, type UpstreamClient } from './upstreamClient';

type PatientPrincipal = Extract<Principal, { kind: 'patient' }>;

const TTL_MS = 5 * 60 * 1000;

const firstString = (dataset: unknown, tag: string): string | undefined => {
  const el = (dataset as Record<string, { Value?: unknown[] } | undefined> | null)?.[tag];
  const v = el?.Value?.[0];
  return typeof v === 'string' ? v : undefined;
};

export class StudyOwnership {
  private readonly cache = new LRUCache<string, boolean>({ max: 20_000, ttl: TTL_MS });

  async isOwnStudy(
    patient: PatientPrincipal,
    upstream: UpstreamClient,
    studyUid: string,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const key = JSON.stringify([patient.sub, patient.ins, upstream.source.id, studyUid]);
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    const owned = await this.ask(patient, upstream, studyUid, signal);
    this.cache.set(key, owned);
    return owned;
  }

  private async ask(
    patient: PatientPrincipal,
    upstream: UpstreamClient,
    studyUid: string,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const { qido } = upstream.source;
    const query: QidoQuery = new Map([
      ['StudyInstanceUID', [studyUid]],
      ['PatientID', [patient.ins]],
      ['includefield', ['00100021']],
    ]);
    if (qido.issuerOfPatientId) query.set('IssuerOfPatientID', [patient.insOid]);
    const res = await upstream.send({
      method: 'GET',
      path: 'studies',
      query: encodeUpstreamQuery(query, { ...qido, isSearch: true }),
      headers: { accept: 'application/dicom+json' },
      signal,
    });
    if (res.statusCode === 204 || res.statusCode === 404) {
      await res.body.dump();
      return false;
    }
    if (res.statusCode !== 200 || !isJsonType(res.headers['content-type'] as string)) {
      await res.body.dump();
      throw upstreamFailure(
        new Error(`ownership check answered ${res.statusCode}`),
        upstream.source,
      );
    }
    const found = await readJsonBody(res.body, 1024 * 1024).catch((err: unknown) => {
      throw upstreamFailure(err, upstream.source);
    });
    if (!Array.isArray(found)) return false;
    // Trust the answer's own identifiers, not just the filter: a source that ignores a key
    // would otherwise hand over someone else's study.
    return found.some(
      (study) =>
        firstString(study, '0020000D') === studyUid &&
        firstString(study, '00100020') === patient.ins &&
        (firstString(study, '00100021') ??
          (qido.issuerOfPatientId ? patient.insOid : undefined)) === patient.insOid,
    );
  }
}
