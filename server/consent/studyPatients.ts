// Whose study is this? Asked of the consent-gated source itself — never taken from the
// browser — and remembered briefly, so the hundreds of frame requests of one viewing cost
// one search. A study UID held under two patients yields both: each must be covered.
import { LRUCache } from 'lru-cache';
import { isJsonType, readJsonBody } from '../dicomweb/jsonBody';
import { upstreamFailure, type UpstreamClient } from '../dicomweb/upstreamClient';
import { encodeUpstreamQuery, type QidoQuery } from '../dicomweb/upstreamQuery';
import { patientRefFromDicom, type PatientRef } from './patientRef';

const TTL_MS = 60_000;

const stringsOf = (dataset: unknown, tag: string): string[] => {
  const el = (dataset as Record<string, { Value?: unknown[] } | undefined> | null)?.[tag];
  return (el?.Value ?? []).filter((v): v is string => typeof v === 'string');
};

/** One person per dataset: their main identifier and the other ids the source lists. */
export function patientsInAnswer(found: unknown, studyUid: string): PatientRef[][] {
  if (!Array.isArray(found)) return [];
  const people: PatientRef[][] = [];
  for (const study of found) {
    if (!stringsOf(study, '0020000D').includes(studyUid)) continue;
    const ids: PatientRef[] = [];
    const main = patientRefFromDicom(
      stringsOf(study, '00100020')[0],
      stringsOf(study, '00100021')[0],
    );
    if (main) ids.push(main);
    const others = (study as Record<string, { Value?: unknown[] } | undefined>)['00101002']?.Value;
    for (const other of others ?? []) {
      const ref = patientRefFromDicom(
        stringsOf(other, '00100020')[0],
        stringsOf(other, '00100021')[0],
      );
      if (ref) ids.push(ref);
    }
    // A study whose patient has no usable identifier can be covered by no consent.
    people.push(ids);
  }
  return people;
}

export class StudyPatients {
  private readonly cache = new LRUCache<string, PatientRef[][]>({ max: 20_000, ttl: TTL_MS });

  async of(
    upstream: UpstreamClient,
    studyUid: string,
    signal?: AbortSignal,
  ): Promise<PatientRef[][]> {
    const key = `${upstream.source.id}\n${studyUid}`;
    const known = this.cache.get(key);
    if (known) return known;
    const query: QidoQuery = new Map([
      ['StudyInstanceUID', [studyUid]],
      ['includefield', ['00100021,00101002']],
    ]);
    const res = await upstream.send({
      method: 'GET',
      path: 'studies',
      query: encodeUpstreamQuery(query, { ...upstream.source.qido, isSearch: true }),
      headers: { accept: 'application/dicom+json' },
      ...(signal ? { signal } : {}),
    });
    let people: PatientRef[][] = [];
    if (res.statusCode === 200 && isJsonType(res.headers['content-type'] as string | undefined)) {
      const found = await readJsonBody(res.body, 1024 * 1024).catch((err: unknown) => {
        throw upstreamFailure(err, upstream.source);
      });
      people = patientsInAnswer(found, studyUid);
    } else {
      await res.body.dump();
      if (res.statusCode !== 204 && res.statusCode !== 404) {
        throw upstreamFailure(
          new Error(`study lookup answered ${res.statusCode}`),
          upstream.source,
        );
      }
    }
    this.cache.set(key, people);
    return people;
  }
}
