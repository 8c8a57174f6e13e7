// A search must name a patient, a study or an accession number: browsing a whole source
// ("every study of last week") is what a leaked account would do first. A value is split
// the way a QIDO server may split it (`,` and `\` separate a list), and it names someone
// only if every element is a non-empty value without wildcards: `AccessionNumber=,` would
// otherwise match every study whose accession number is empty.
import { GatewayError } from '../errors';
import type { DicomwebTarget } from './allowedPaths';
import { hasWildcard, splitValueList } from './queryValues';
import type { QidoQuery } from './upstreamQuery';

const UID = /^[0-9]+(\.[0-9]+)*$/;

const present = (query: QidoQuery, key: string): string | undefined => {
  const v = query.get(key)?.[0];
  return v === undefined || v === '' ? undefined : v;
};

const everyElement = (v: string | undefined, ok: (element: string) => boolean): boolean =>
  v !== undefined && splitValueList(v).every((e) => e !== '' && ok(e));

const exact = (v: string | undefined): boolean => everyElement(v, (e) => !hasWildcard(e));

function namesSomeone(query: QidoQuery): boolean {
  if (exact(present(query, 'PatientID'))) return true;
  if (exact(present(query, 'AccessionNumber'))) return true;
  if (everyElement(present(query, 'StudyInstanceUID'), (u) => u.length <= 64 && UID.test(u))) {
    return true;
  }
  const name = present(query, 'PatientName');
  const birthDate = present(query, 'PatientBirthDate');
  const enoughLetters = (n: string): boolean =>
    (n.replace(/[*?^=\s-]/g, '').match(/\p{L}/gu)?.length ?? 0) >= 2;
  return everyElement(name, enoughLetters) && everyElement(birthDate, (d) => /^[0-9]{8}$/.test(d));
}

export function checkNotFishing(target: DicomwebTarget, query: QidoQuery): void {
  if (target.kind !== 'search' || !target.unscoped) return;
  if (namesSomeone(query)) return;
  throw new GatewayError(
    400,
    'fishing_query',
    'Précisez un patient (INS ou identifiant), un examen ou un numéro d’accès : la recherche sur toute une source n’est pas permise.',
  );
}
