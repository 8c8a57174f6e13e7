// Series metadata is the one large JSON answer that opening a study waits for, and Orthanc's
// DICOMweb 1.7 builds it by reading every file of the series (0.1–0.3 s for 320 CT slices
// here, far more from a remote DRIMbox). Opening the same series again — a reload, a second
// link from the GP's software, a radiologist back on a prior — is answered from memory:
// after the same access checks as any request (the proxy asks the cache only once the
// policy has said yes), and only once the source confirms, by a search answered from its
// index, that the series still holds as many instances as the remembered answer. Who each
// instance is about is remembered with it, so an answer is reused only for a reader allowed
// to see every dataset in it.
// Memory only, bounded in bytes and time: patient data never goes to disk here.
import { LRUCache } from 'lru-cache';
import { num, str } from '../../src/domain/dicom/dicomJson';
import { TAG } from '../../src/domain/dicom/tags';
import type { PatientIdentifier } from '../../src/domain/identity/patientIdentifier';
import { identifierKey } from '../../src/domain/identity/patientIdentifier';
import { NO_METRICS, type GatewayMetrics } from '../metrics/gatewayMetrics';
import type { DicomwebTarget } from './allowedPaths';
import type { HeldInstance } from './holdings';
import type { UpstreamClient } from './upstreamClient';
import { searchUpstream } from './upstreamSearch';
import type { QidoQuery } from './upstreamQuery';

export interface CachedMetadata {
  /** The answer as the browser gets it, URLs already pointing at the gateway. */
  body: string;
  contentType: string;
  /** One per dataset, i.e. per instance of the series: who it is about. */
  instances: HeldInstance[];
  /** The datasets are about more than one person. */
  conflict: boolean;
}

export interface SeriesMetadataCacheOptions {
  maxBytes: number;
  ttlMs?: number;
  /** Counts hits and misses and reports the size; absent, nothing is counted. */
  metrics?: GatewayMetrics;
}

const DEFAULT_TTL_MS = 10 * 60 * 1000;

/** Whether every dataset of the entry names one of `identifiers`. */
export function allAbout(
  entry: CachedMetadata,
  identifiers: readonly PatientIdentifier[],
): boolean {
  const wanted = new Set(identifiers.map(identifierKey));
  return entry.instances.every((i) => i.identifiers.some((id) => wanted.has(identifierKey(id))));
}

export class SeriesMetadataCache {
  private readonly entries: LRUCache<string, CachedMetadata>;
  private readonly metrics: GatewayMetrics;

  constructor(private readonly options: SeriesMetadataCacheOptions) {
    this.metrics = options.metrics ?? NO_METRICS;
    this.metrics.watchMetadataCacheBytes(() => this.size);
    this.entries = new LRUCache<string, CachedMetadata>({
      maxSize: options.maxBytes,
      // UTF-16 in V8's heap at worst: two bytes per character.
      sizeCalculation: (entry) => Math.max(1, entry.body.length * 2),
      ttl: options.ttlMs ?? DEFAULT_TTL_MS,
    });
  }

  /**
   * The entry's key, or `null` for what is not the metadata of a whole series. The public
   * base is part of it because the answer's URLs were rewritten for it.
   */
  keyFor(
    sourceId: string,
    target: DicomwebTarget,
    encodedQuery: string,
    accept: string | undefined,
    publicBase: string,
  ): string | null {
    if (target.endpoint !== 'metadata' || target.seriesUid === undefined) return null;
    if (target.instanceUid !== undefined) return null;
    return JSON.stringify([sourceId, target.path, encodedQuery, accept ?? '', publicBase]);
  }

  /** Too large an answer is simply not kept (lru-cache refuses what exceeds maxSize). */
  remember(key: string, entry: CachedMetadata): void {
    this.entries.set(key, entry);
  }

  /** The remembered answer, if the source still counts as many instances in the series. */
  async recall(
    key: string,
    upstream: UpstreamClient,
    target: DicomwebTarget,
    signal: AbortSignal,
  ): Promise<CachedMetadata | null> {
    const entry = this.entries.get(key);
    if (!entry) {
      this.metrics.metadataCache('miss');
      return null;
    }
    let count: number | null;
    try {
      count = await instancesAtSource(upstream, target, signal);
    } catch {
      // The full request that follows will meet the same trouble and report it properly.
      count = null;
    }
    if (count === entry.instances.length) {
      this.metrics.metadataCache('hit');
      return entry;
    }
    this.metrics.metadataCache('stale');
    this.entries.delete(key);
    return null;
  }

  get size(): number {
    return this.entries.calculatedSize;
  }
}

/** NumberOfSeriesRelatedInstances as the source's index has it; `null` if it will not say. */
async function instancesAtSource(
  upstream: UpstreamClient,
  target: DicomwebTarget,
  signal: AbortSignal,
): Promise<number | null> {
  const { studyUid, seriesUid } = target;
  if (studyUid === undefined || seriesUid === undefined) return null;
  const query: QidoQuery = new Map([
    ['SeriesInstanceUID', [seriesUid]],
    ['includefield', [TAG.NumberOfSeriesRelatedInstances]],
  ]);
  const found = await searchUpstream(upstream, `studies/${studyUid}/series`, query, {
    maxBytes: 256 * 1024,
    signal,
  });
  // A series UID held under two patients is listed twice: then no count can be trusted.
  const rows = found.filter((s) => str(s, TAG.SeriesInstanceUID) === seriesUid);
  if (rows.length !== 1) return null;
  const n = num(rows[0], TAG.NumberOfSeriesRelatedInstances);
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
}
