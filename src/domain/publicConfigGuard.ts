// /config.json comes over the network from a gateway we may not control (another region,
// a half-finished deployment): every field the SPA relies on is checked before use, and a
// failure names the field so an administrator can fix the file without reading our code.
import type {
  IdpEndpoints,
  PublicConfig,
  PublicSource,
  QidoCapabilities,
  SourceKind,
} from './publicConfig';
import { isHttpUrl } from './httpUrl';

/** What a field should have been; the UI turns it into a sentence in the user's language. */
export type ConfigExpectation =
  | 'object'
  | 'array'
  | 'nonEmptyString'
  | 'boolean'
  | 'positiveInteger'
  | 'sourceKind'
  | 'uniqueId'
  | 'atLeastOneSource';

export class ConfigShapeError extends Error {
  readonly path: string;
  readonly expected: ConfigExpectation;

  constructor(path: string, expected: ConfigExpectation) {
    super(`${path}: ${expected} expected`);
    this.name = 'ConfigShapeError';
    this.path = path;
    this.expected = expected;
  }
}

type Json = Record<string, unknown>;

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigShapeError(path, 'object');
  }
  return value as Json;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigShapeError(path, 'nonEmptyString');
  }
  return value;
}

function flag(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new ConfigShapeError(path, 'boolean');
  return value;
}

function positiveInteger(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ConfigShapeError(path, 'positiveInteger');
  }
  return value;
}

function sourceKind(value: unknown, path: string): SourceKind {
  if (value !== 'drimbox' && value !== 'regional') throw new ConfigShapeError(path, 'sourceKind');
  return value;
}

function qido(value: unknown, path: string): QidoCapabilities {
  const q = object(value, path);
  return {
    issuerOfPatientId: flag(q.issuerOfPatientId, `${path}.issuerOfPatientId`),
    modalitiesInStudy: flag(q.modalitiesInStudy, `${path}.modalitiesInStudy`),
    studyDateRange: flag(q.studyDateRange, `${path}.studyDateRange`),
    bodyPartAtStudyLevel: flag(q.bodyPartAtStudyLevel, `${path}.bodyPartAtStudyLevel`),
    maxResults: positiveInteger(q.maxResults, `${path}.maxResults`),
  };
}

function source(value: unknown, path: string): PublicSource {
  const s = object(value, path);
  return {
    id: text(s.id, `${path}.id`),
    label: text(s.label, `${path}.label`),
    kind: sourceKind(s.kind, `${path}.kind`),
    qido: qido(s.qido, `${path}.qido`),
    timeoutMs: positiveInteger(s.timeoutMs, `${path}.timeoutMs`),
  };
}

/**
 * Only a shortcut: anything off and the SPA asks the IdP itself, as without them, rather
 * than refusing to start.
 */
function idpEndpoints(value: unknown): IdpEndpoints | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { authorization, token, endSession } = value as Json;
  if (!isHttpUrl(authorization) || !isHttpUrl(token)) return undefined;
  if (endSession !== undefined && !isHttpUrl(endSession)) return undefined;
  return { authorization, token, ...(endSession !== undefined ? { endSession } : {}) };
}

/**
 * Returns a fresh config holding only the known fields, or throws a ConfigShapeError
 * naming the first bad one.
 */
export function parsePublicConfig(value: unknown): PublicConfig {
  const root = object(value, 'config');
  const region = object(root.region, 'region');
  const idp = object(root.idp, 'idp');
  if (!Array.isArray(root.sources)) throw new ConfigShapeError('sources', 'array');
  if (root.sources.length === 0) throw new ConfigShapeError('sources', 'atLeastOneSource');

  const sources = root.sources.map((s, i) => source(s, `sources[${i}]`));
  const seen = new Set<string>();
  sources.forEach((s, i) => {
    // Ids key the queries and the gateway paths: two alike would mix two sources' answers.
    if (seen.has(s.id)) throw new ConfigShapeError(`sources[${i}].id`, 'uniqueId');
    seen.add(s.id);
  });

  const config: PublicConfig = {
    region: { name: text(region.name, 'region.name') },
    idp: {
      issuer: text(idp.issuer, 'idp.issuer'),
      clientId: text(idp.clientId, 'idp.clientId'),
      scope: text(idp.scope, 'idp.scope'),
    },
    sources,
  };
  if (idp.acrValues !== undefined) {
    config.idp.acrValues = text(idp.acrValues, 'idp.acrValues');
  }
  const endpoints = idpEndpoints(idp.endpoints);
  if (endpoints) config.idp.endpoints = endpoints;
  if (root.demo !== undefined && root.demo !== null) {
    const demo = object(root.demo, 'demo');
    config.demo = { insOid: text(demo.insOid, 'demo.insOid') };
  }
  return config;
}
