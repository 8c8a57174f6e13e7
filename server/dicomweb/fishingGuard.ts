// A search must name a patient, a study or an accession number: browsing a whole source
// ("every study of last week") is what a leaked account would do first.
import { GatewayError } from '../errors';
import type { DicomwebTarget } from './allowedPaths';
import type { QidoQuery } from './upstreamQuery';

const WILDCARDS = /[*?\\]/;
const UID = /^[0-9]+(\.[0-9]+)*$/;

const single = (query: QidoQuery, key: string): string | undefined => {
  const v = query.get(key)?.[0];
  return v === undefined || v === '' ? undefined : v;
};

const exact = (v: string | undefined): boolean => v !== undefined && !WILDCARDS.test(v);

function namesSomeone(query: QidoQuery): boolean {
  if (exact(single(query, 'PatientID'))) return true;
  if (exact(single(query, 'AccessionNumber'))) return true;
  const uids = single(query, 'StudyInstanceUID');
  if (uids?.split('\\').every((u) => u.length <= 64 && UID.test(u))) return true;
  const name = single(query, 'PatientName');
  const birthDate = single(query, 'PatientBirthDate');
  const letters = name?.replace(/[*?^=\s-]/g, '').match(/\p{L}/gu)?.length ?? 0;
  return letters >= 2 && birthDate !== undefined && /^[0-9]{8}$/.test(birthDate);
}

export function checkNotFishing(target: DicomwebTarget, query: QidoQuery): void {
  if (target.kind !== 'search' || !target.unscoped) return;
  if (namesSomeone(query)) return;
  throw new GatewayError(
    400,
    'fishing_query',
    "Précisez un patient (INS ou identifiant), un examen ou un numéro d'accès : la recherche sur toute une source n'est pas permise.",
  );
}
