// What a region's operators watch on each gateway, in Prometheus' text format (prom-client):
// traffic and latency per kind of request and per source, the sources' failures, consent
// refusals, the trace's write latency, the caches. A metric is not an access log: its label
// values come from closed sets only (a route family, a source id of the config, a status
// class, an error kind), so no UID, INS, name or query can ever become a label — whatever a
// caller passes, anything outside the set is counted as `unknown` / `other`.
// One Registry per gateway, not prom-client's global one: tests build several gateways in one
// process, and each must count only its own traffic.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const ROUTE_FAMILIES = [
  'dicomweb-qido',
  'dicomweb-metadata',
  'dicomweb-frames',
  'dicomweb-bulk',
  'dicomweb-rendered',
  'dicomweb-other',
  'keys',
  'launch',
  'fhir',
  'download',
  'config',
  'spa',
  'other',
] as const;
export type RouteFamily = (typeof ROUTE_FAMILIES)[number];

/**
 * Why an upstream exchange failed. `bad_status`: the source answered 5xx, or refused the
 * gateway's own credentials (401/403) — what the browser sees as `upstream_error`.
 */
export const UPSTREAM_ERROR_KINDS = [
  'timeout',
  'refused',
  'reset',
  'unreachable',
  'bad_status',
  'malformed',
  'too_large',
  'other',
] as const;
export type UpstreamErrorKind = (typeof UPSTREAM_ERROR_KINDS)[number];

export const CONSENT_REFUSAL_CODES = [
  'consent_required',
  'consent_expired',
  'consent_revoked',
] as const;
export type ConsentRefusalCode = (typeof CONSENT_REFUSAL_CODES)[number];

/** nginx's $upstream_cache_status, as the shared cache adds it in `X-Cache-Status`. */
export const CACHE_STATUSES = [
  'HIT',
  'MISS',
  'EXPIRED',
  'STALE',
  'UPDATING',
  'REVALIDATED',
  'BYPASS',
] as const;
export type CacheStatus = (typeof CACHE_STATUSES)[number];

/** `stale`: remembered, but the source now counts another number of instances. */
export type MetadataCacheOutcome = 'hit' | 'miss' | 'stale';

/** Every place that counts something calls one of these; the no-op set costs nothing. */
export interface GatewayMetrics {
  readonly enabled: boolean;
  /** A request the gateway answered (onResponse), its time from routing to the last byte. */
  request(family: RouteFamily, sourceId: string | undefined, status: number, seconds: number): void;
  /** A request the client gave up before its answer was complete. */
  requestAborted(family: RouteFamily, sourceId: string | undefined): void;
  /** An upstream answer's head: its status, the shared cache's verdict, time to headers. */
  upstreamAnswer(
    sourceId: string,
    status: number,
    cacheStatus: string | undefined,
    seconds: number,
  ): void;
  upstreamError(sourceId: string, kind: UpstreamErrorKind): void;
  consentRefusal(code: string): void;
  /** A read allowed by a break-the-glass opening rather than a consent. */
  breakGlassUsed(sourceId: string): void;
  metadataCache(outcome: MetadataCacheOutcome): void;
  /** Reports the metadata cache's size at each scrape. */
  watchMetadataCacheBytes(read: () => number): void;
  /**
   * One write of the access trace (a single record or a batch), measured by the trail from
   * the start of the write to its commit; `ok` false when it failed (the records stay queued
   * for a retry). The shape of AuditTrail's TraceWriteObserver, and safe to pass unbound.
   */
  observeTraceWrite(seconds: number, records: number, ok?: boolean): void;
}

const noop = (): void => undefined;

/** What every part gets when the gateway has no `metricsPort`: no registry, no cost. */
export const NO_METRICS: GatewayMetrics = {
  enabled: false,
  request: noop,
  requestAborted: noop,
  upstreamAnswer: noop,
  upstreamError: noop,
  consentRefusal: noop,
  breakGlassUsed: noop,
  metadataCache: noop,
  watchMetadataCacheBytes: noop,
  observeTraceWrite: noop,
};

/** 1 ms to 30 s: a cached search answers in a few ms, a whole-series retrieve in seconds. */
const REQUEST_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];
/** A trace write is a local commit: 0.1 ms (SQLite) to a second (a busy PostgreSQL). */
const TRACE_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1,
];

export function statusClass(status: number): '1xx' | '2xx' | '3xx' | '4xx' | '5xx' {
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  if (status >= 300) return '3xx';
  if (status >= 200) return '2xx';
  return '1xx';
}

const FAMILY_SET: ReadonlySet<string> = new Set(ROUTE_FAMILIES);
const KIND_SET: ReadonlySet<string> = new Set(UPSTREAM_ERROR_KINDS);
const CONSENT_SET: ReadonlySet<string> = new Set(CONSENT_REFUSAL_CODES);
const CACHE_SET: ReadonlySet<string> = new Set(CACHE_STATUSES);

/** The label values a caller's strings are reduced to: closed sets only. */
export interface LabelGuard {
  source(id: string | undefined): string;
  family(family: string): RouteFamily;
  errorKind(kind: string): UpstreamErrorKind;
  consentCode(code: string): string;
  cacheStatus(header: string | undefined): string;
}

export function labelGuard(sourceIds: readonly string[]): LabelGuard {
  const sources: ReadonlySet<string> = new Set(sourceIds);
  return {
    // `none`: the request is about no source; `unknown`: it named one the region does not have.
    source: (id) => (id === undefined ? 'none' : sources.has(id) ? id : 'unknown'),
    family: (f) => (FAMILY_SET.has(f) ? (f as RouteFamily) : 'other'),
    errorKind: (k) => (KIND_SET.has(k) ? (k as UpstreamErrorKind) : 'other'),
    consentCode: (c) => (CONSENT_SET.has(c) ? c : 'other'),
    cacheStatus: (h) => {
      if (h === undefined) return 'none';
      const v = h.trim().toUpperCase();
      return CACHE_SET.has(v) ? v : 'other';
    },
  };
}

export interface MetricsOptions {
  /** The region's source ids: the only source label values besides `none` and `unknown`. */
  sourceIds: readonly string[];
  /** Node's process metrics (memory, CPU, event-loop lag, GC); on by default. */
  processMetrics?: boolean;
}

export interface GatewayMetricsRegistry {
  metrics: GatewayMetrics;
  registry: Registry;
}

export function createGatewayMetrics(opts: MetricsOptions): GatewayMetricsRegistry {
  const registry = new Registry();
  const registers = [registry];
  const guard = labelGuard(opts.sourceIds);
  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'drim_gateway_requests_total',
    help: 'Requests answered, by route family, source and status class.',
    labelNames: ['route_family', 'source', 'status_class'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'drim_gateway_request_duration_seconds',
    help: 'Time from routing to the last byte sent, by route family, source and status class.',
    labelNames: ['route_family', 'source', 'status_class'] as const,
    buckets: REQUEST_BUCKETS,
    registers,
  });
  const aborted = new Counter({
    name: 'drim_gateway_requests_aborted_total',
    help: 'Requests the client gave up before the answer was complete (a frame scrolled past).',
    labelNames: ['route_family', 'source'] as const,
    registers,
  });
  const upstreamAnswers = new Counter({
    name: 'drim_gateway_upstream_responses_total',
    help: 'Answers from the sources, by status class and the shared cache’s X-Cache-Status.',
    labelNames: ['source', 'status_class', 'cache_status'] as const,
    registers,
  });
  const upstreamSeconds = new Histogram({
    name: 'drim_gateway_upstream_response_seconds',
    help: 'Time until a source’s answer headers arrived.',
    labelNames: ['source'] as const,
    buckets: REQUEST_BUCKETS,
    registers,
  });
  const upstreamErrors = new Counter({
    name: 'drim_gateway_upstream_errors_total',
    help: 'Failed exchanges with a source, by kind.',
    labelNames: ['source', 'kind'] as const,
    registers,
  });
  const consentRefusals = new Counter({
    name: 'drim_gateway_consent_refusals_total',
    help: 'Reads of a consent-gated source refused, by reason.',
    labelNames: ['code'] as const,
    registers,
  });
  const breakGlass = new Counter({
    name: 'drim_gateway_break_glass_reads_total',
    help: 'Reads allowed by a break-the-glass opening rather than a consent.',
    labelNames: ['source'] as const,
    registers,
  });
  const metadataLookups = new Counter({
    name: 'drim_gateway_metadata_cache_lookups_total',
    help: 'Series metadata cache lookups: hit, miss, or stale (the series changed at the source).',
    labelNames: ['outcome'] as const,
    registers,
  });
  let readCacheBytes: (() => number) | null = null;
  new Gauge({
    name: 'drim_gateway_metadata_cache_bytes',
    help: 'Memory held by the series metadata cache.',
    registers,
    collect() {
      this.set(readCacheBytes?.() ?? 0);
    },
  });
  const traceWrites = new Histogram({
    name: 'drim_gateway_trace_write_seconds',
    help: 'Time to write (commit) the access trace, per write of one record or a batch.',
    buckets: TRACE_BUCKETS,
    registers,
  });
  const traceRecords = new Counter({
    name: 'drim_gateway_trace_records_written_total',
    help: 'Access trace records committed.',
    registers,
  });
  const traceFailures = new Counter({
    name: 'drim_gateway_trace_write_failures_total',
    help: 'Access trace writes that failed (their records are retried).',
    registers,
  });

  const metrics: GatewayMetrics = {
    enabled: true,
    request(family, sourceId, status, seconds) {
      const labels = {
        route_family: guard.family(family),
        source: guard.source(sourceId),
        status_class: statusClass(status),
      };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
    requestAborted(family, sourceId) {
      aborted.inc({ route_family: guard.family(family), source: guard.source(sourceId) });
    },
    upstreamAnswer(sourceId, status, cacheStatus, seconds) {
      const source = guard.source(sourceId);
      upstreamAnswers.inc({
        source,
        status_class: statusClass(status),
        cache_status: guard.cacheStatus(cacheStatus),
      });
      upstreamSeconds.observe({ source }, seconds);
    },
    upstreamError(sourceId, kind) {
      upstreamErrors.inc({ source: guard.source(sourceId), kind: guard.errorKind(kind) });
    },
    consentRefusal(code) {
      consentRefusals.inc({ code: guard.consentCode(code) });
    },
    breakGlassUsed(sourceId) {
      breakGlass.inc({ source: guard.source(sourceId) });
    },
    metadataCache(outcome) {
      metadataLookups.inc({ outcome });
    },
    watchMetadataCacheBytes(read) {
      readCacheBytes = read;
    },
    observeTraceWrite(seconds, records, ok = true) {
      if (!ok) {
        traceFailures.inc();
        return;
      }
      traceWrites.observe(seconds);
      traceRecords.inc(records);
    },
  };
  return { metrics, registry };
}
