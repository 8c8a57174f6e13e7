// The browser's query is parsed, checked and written again for the upstream, never passed
// through: the gateway must see exactly what the source will match on (fishing guard,
// patient binding), and Orthanc's DICOMweb 1.7 matches the raw URL text, undecoded.
import { badRequest, GatewayError } from '../errors';
import type { DicomwebTarget } from './allowedPaths';
import { isListValue, splitValueList } from './queryValues';

/** Parameters by name, tags of identifying attributes folded into their keyword. */
export type QidoQuery = Map<string, string[]>;

// A client could spell PatientID as 00100020 to slip past a check on the keyword.
const IDENTIFYING_TAGS: Record<string, string> = {
  '00100010': 'PatientName',
  '00100020': 'PatientID',
  '00100021': 'IssuerOfPatientID',
  '00100030': 'PatientBirthDate',
  '00080050': 'AccessionNumber',
  '0020000D': 'StudyInstanceUID',
  '0020000E': 'SeriesInstanceUID',
  '00080018': 'SOPInstanceUID',
};

const KEY = /^([A-Za-z][A-Za-z0-9]*|[0-9A-Fa-f]{8})$/;
const FIELD_LIST =
  /^([A-Za-z][A-Za-z0-9]*|[0-9A-Fa-f]{8})(,([A-Za-z][A-Za-z0-9]*|[0-9A-Fa-f]{8}))*$/;
const REPEATABLE = new Set(['includefield']);
const MAX_VALUE_LENGTH = 256;

/** Keys that name one person or one exam: a list there would name several. */
const SINGLE_VALUE_KEYS = new Set([
  'PatientID',
  'IssuerOfPatientID',
  'PatientName',
  'PatientBirthDate',
  'AccessionNumber',
]);
const UID_KEYS = new Set(['StudyInstanceUID', 'SeriesInstanceUID', 'SOPInstanceUID']);
const UID = /^[0-9]+(\.[0-9]+)*$/;
/** More than a launch or a prior lookup ever names at once. */
const MAX_UIDS = 50;

const listRefused = (): GatewayError =>
  new GatewayError(
    400,
    'fishing_query',
    'Un patient, un examen ou un numéro d’accès se désigne par une seule valeur : une liste (« , » ou « \\ ») n’est pas permise ici.',
  );

/** Query keys each kind of retrieve honours; searches take any attribute. */
const RETRIEVE_KEYS: Partial<Record<DicomwebTarget['endpoint'], Set<string>>> = {
  rendered: new Set(['quality', 'viewport', 'window', 'annotation']),
  thumbnail: new Set(['quality', 'viewport']),
  metadata: new Set(['includefield']),
};

export function parseBrowserQuery(rawQuery: string, target: DicomwebTarget): QidoQuery {
  const query: QidoQuery = new Map();
  if (rawQuery === '') return query;
  const allowedRetrieve = target.kind === 'retrieve' ? RETRIEVE_KEYS[target.endpoint] : undefined;
  for (const [rawKey, value] of new URLSearchParams(rawQuery)) {
    if (!KEY.test(rawKey)) throw badRequest('Paramètre de recherche non reconnu.');
    const key = IDENTIFYING_TAGS[rawKey.toUpperCase()] ?? rawKey;
    if (target.kind === 'retrieve' && !allowedRetrieve?.has(key)) {
      throw badRequest('Paramètre non pris en charge pour cette ressource.');
    }
    if (value.length > MAX_VALUE_LENGTH || hasControlCharacter(value)) {
      throw badRequest('Valeur de recherche invalide.');
    }
    checkSpecialValue(key, value);
    if (target.kind === 'search') checkIdentifyingValue(key, value);
    const values = query.get(key);
    if (values && !REPEATABLE.has(key)) {
      // Two values for one key would let the gateway check one and the source match the other.
      throw badRequest('Paramètre de recherche répété.');
    }
    query.set(key, [...(values ?? []), value]);
  }
  return query;
}

const hasControlCharacter = (v: string): boolean =>
  [...v].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

/** Each element of a UID list is a UID, and each identifying key holds one value. */
function checkIdentifyingValue(key: string, value: string): void {
  // An empty value asks for the attribute to be returned (PS3.18): it matches nothing away.
  if (value === '') return;
  if (SINGLE_VALUE_KEYS.has(key) && isListValue(value)) throw listRefused();
  if (UID_KEYS.has(key)) {
    const uids = splitValueList(value);
    if (uids.length > MAX_UIDS || !uids.every((u) => u.length <= 64 && UID.test(u))) {
      throw new GatewayError(
        400,
        'fishing_query',
        'Identifiant d’examen, de série ou d’instance invalide : des chiffres séparés par des points sont attendus.',
      );
    }
  }
}

function checkSpecialValue(key: string, value: string): void {
  const ok =
    key === 'limit' || key === 'offset'
      ? /^[0-9]{1,7}$/.test(value)
      : key === 'fuzzymatching'
        ? value === 'true' || value === 'false'
        : key === 'includefield'
          ? value === 'all' || FIELD_LIST.test(value)
          : true;
  if (!ok) throw badRequest(`Valeur invalide pour « ${key} ».`);
}

// What Orthanc 1.7 reads literally and needs unencoded: DICOM wildcards, name components,
// value lists and date ranges. Everything else is percent-encoded (it will not match
// there, but it cannot break the query string either).
const RAW_SAFE = /^[A-Za-z0-9^*?,\-.]$/;

function encodeLiteral(value: string): string {
  let out = '';
  for (const ch of value) out += RAW_SAFE.test(ch) ? ch : encodeURIComponent(ch);
  return out;
}

export interface UpstreamQueryOptions {
  decodesUrl: boolean;
  maxResults: number;
  /** Searches get a `limit` so a source never answers more than it declared it would. */
  isSearch: boolean;
}

export function encodeUpstreamQuery(query: QidoQuery, opts: UpstreamQueryOptions): string {
  const parts: string[] = [];
  for (const [key, values] of query) {
    if (key === 'limit') continue;
    for (let value of values) {
      if (!opts.decodesUrl && key === 'PatientName') {
        // Orthanc 1.7 never matches a space (neither raw nor %20); `?` matches any one
        // character, so "DE LA*" still finds "DE LA TOUR" at the cost of also "DEXLA…".
        value = value.replace(/ /g, '?');
      }
      const encoded = opts.decodesUrl ? encodeURIComponent(value) : encodeLiteral(value);
      parts.push(`${key}=${encoded}`);
    }
  }
  const asked = query.get('limit')?.[0];
  if (opts.isSearch || asked !== undefined) {
    const limit = Math.min(asked === undefined ? opts.maxResults : Number(asked), opts.maxResults);
    parts.push(`limit=${limit}`);
  }
  return parts.join('&');
}
