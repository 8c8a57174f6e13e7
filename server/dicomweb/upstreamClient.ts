// One keep-alive connection pool per source, its credentials, the deadline every answer
// must meet, and the translation of every network failure into the gateway's error
// vocabulary (docs/CONTRACTS.md).
import { Agent, request, type Dispatcher } from 'undici';
import { GatewayError } from '../errors';
import type { SourceConfig } from '../config/schema';
import { NO_METRICS, type GatewayMetrics, type UpstreamErrorKind } from '../metrics/gatewayMetrics';
import { oversizedAnswer, readDatasets, type JsonReadOptions, type OnDataset } from './jsonBody';
import type { JsonAllowance, JsonBudget } from './jsonBudget';

export interface UpstreamResponse extends Dispatcher.ResponseData {
  /** Aborted when the answer passed the source's deadline (its body then fails). */
  readonly deadline: AbortSignal;
}

export interface UpstreamRequest {
  method: 'GET' | 'HEAD';
  /** A path validated by allowedPaths, relative to the source's DICOMweb base. */
  path: string;
  /** Already encoded for this source (upstreamQuery). */
  query: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A slow series retrieve may pause between parts; only a long silence means a dead source. */
const MIN_BODY_IDLE_MS = 30_000;

/**
 * A whole answer, body included. Generous: a 1 300-image CT retrieved in one request from
 * a site at the other end of the region must fit, a source trickling a byte at a time not.
 */
export const DEFAULT_DEADLINE_MS = 300_000;

/**
 * How long before the source's announced idle timeout we stop reusing a connection. Orthanc
 * (and the Orthanc-based DRIMboxes) announce `Keep-Alive: timeout=1`; with undici's default
 * margin (2 s) that left no reuse at all: every frame paid a new TCP connection and a
 * socket teardown. Half a second still keeps clear of the source closing as we send.
 */
const KEEP_ALIVE_MARGIN_MS = 500;

/** How the pools keep connections to a source: also bench/support/passThroughProxy.ts's. */
export const KEEP_ALIVE_POOL = {
  keepAliveTimeout: 10_000,
  keepAliveTimeoutThreshold: KEEP_ALIVE_MARGIN_MS,
} as const;

/** Per source; config `maxConnections` (schema.ts). */
const DEFAULT_MAX_CONNECTIONS = 32;

export class UpstreamClient {
  readonly base: string;
  readonly deadlineMs: number;
  private readonly agent: Agent;
  private readonly fixedHeaders: Record<string, string>;

  constructor(
    readonly source: SourceConfig,
    /** Memory for JSON answers, shared by every source; absent in some unit tests. */
    private readonly jsonBudget?: JsonBudget,
    private readonly metrics: GatewayMetrics = NO_METRICS,
  ) {
    this.base = source.upstream.url.replace(/\/+$/, '');
    this.deadlineMs = source.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.agent = new Agent({
      ...KEEP_ALIVE_POOL,
      connections: source.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
      connect: { timeout: source.timeoutMs },
      headersTimeout: source.timeoutMs,
      bodyTimeout: Math.max(source.timeoutMs * 4, MIN_BODY_IDLE_MS),
    });
    const { username, password, headers } = source.upstream;
    this.fixedHeaders = { ...headers };
    if (username !== undefined && password !== undefined) {
      const basic = Buffer.from(`${username}:${password}`).toString('base64');
      this.fixedHeaders.authorization = `Basic ${basic}`;
    }
  }

  /** A holder of JSON memory for one request, or undefined when no budget was given. */
  jsonAllowance(): JsonAllowance | undefined {
    return this.jsonBudget?.allowance();
  }

  async send(req: UpstreamRequest): Promise<UpstreamResponse> {
    const url = `${this.base}/${req.path}${req.query ? `?${req.query}` : ''}`;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.deadlineMs);
    timer.unref();
    const signal = req.signal ? AbortSignal.any([req.signal, deadline.signal]) : deadline.signal;
    const started = performance.now();
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: req.method,
        headers: { ...req.headers, ...this.fixedHeaders },
        dispatcher: this.agent,
        signal,
      });
    } catch (err) {
      clearTimeout(timer);
      this.countFailure(err, deadline.signal, req.signal);
      throw deadline.signal.aborted
        ? upstreamTimeout(this.source)
        : upstreamFailure(err, this.source);
    }
    res.body.once('close', () => clearTimeout(timer));
    if (this.metrics.enabled) this.countAnswer(res, started, deadline.signal, req.signal);
    return Object.assign(res, { deadline: deadline.signal });
  }

  private countAnswer(
    res: Dispatcher.ResponseData,
    started: number,
    deadline: AbortSignal,
    caller: AbortSignal | undefined,
  ): void {
    const id = this.source.id;
    const cacheStatus = res.headers['x-cache-status'];
    this.metrics.upstreamAnswer(
      id,
      res.statusCode,
      Array.isArray(cacheStatus) ? cacheStatus[0] : cacheStatus,
      (performance.now() - started) / 1000,
    );
    if (isBadStatus(res.statusCode)) this.metrics.upstreamError(id, 'bad_status');
    // A body cut off midway (the source died, or passed its deadline) surfaces here for a
    // streamed frame as well as for JSON; the gateway's own refusals of a body it read
    // (GatewayError) are counted by readDatasets.
    res.body.on('error', (err) => {
      if (!(err instanceof GatewayError)) this.countFailure(err, deadline, caller);
    });
  }

  /** Not counted: an exchange the browser gave up (its signal), which is no source's fault. */
  private countFailure(err: unknown, deadline: AbortSignal, caller: AbortSignal | undefined): void {
    if (!this.metrics.enabled) return;
    if (deadline.aborted) this.metrics.upstreamError(this.source.id, 'timeout');
    else if (!caller?.aborted) this.metrics.upstreamError(this.source.id, failureKind(err));
  }

  /** The answer's datasets, one at a time, bounded in size, memory, nesting and time. */
  async readDatasets(
    res: UpstreamResponse,
    onDataset: OnDataset,
    opts: JsonReadOptions = {},
  ): Promise<void> {
    try {
      await readDatasets(res.body, onDataset, opts);
    } catch (err) {
      if (err instanceof GatewayError && err.code === 'upstream_invalid') {
        const tooLarge = err.message === OVERSIZED_MESSAGE;
        this.metrics.upstreamError(this.source.id, tooLarge ? 'too_large' : 'malformed');
      }
      if (res.deadline.aborted) throw upstreamTimeout(this.source);
      throw upstreamFailure(err, this.source);
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);

const OVERSIZED_MESSAGE = oversizedAnswer().message;

/** What the proxy turns into `upstream_error` (502): the source's failure, not the user's. */
const isBadStatus = (status: number): boolean =>
  status >= 500 || status === 401 || status === 403 || status === 407;

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
const RESET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);

/** The metrics' name for a network failure (the browser's is upstreamFailure's). */
function failureKind(err: unknown): UpstreamErrorKind {
  const code = errorCode(err);
  if (code === undefined) return 'other';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (code === 'ECONNREFUSED') return 'refused';
  if (RESET_CODES.has(code)) return 'reset';
  if (UNREACHABLE_CODES.has(code)) return 'unreachable';
  return 'other';
}

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

export const upstreamTimeout = (source: SourceConfig): GatewayError =>
  new GatewayError(
    504,
    'upstream_timeout',
    `La source « ${source.label} » n’a pas répondu à temps.`,
  );

/** Maps a network error (before or while reading the body) to what the browser is told. */
export function upstreamFailure(err: unknown, source: SourceConfig): GatewayError {
  if (err instanceof GatewayError) return err;
  const code = errorCode(err);
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return upstreamTimeout(source);
  }
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return new GatewayError(
      502,
      'upstream_unreachable',
      `La source « ${source.label} » est injoignable.`,
    );
  }
  return new GatewayError(502, 'upstream_error', `La source « ${source.label} » a échoué.`);
}
