import { describe, expect, it } from 'vitest';
import {
  createGatewayMetrics,
  labelGuard,
  NO_METRICS,
  statusClass,
  type RouteFamily,
  type UpstreamErrorKind,
} from './gatewayMetrics';

const ST = '1.2.826.0.1.3680043.8.498.1';
const INS = '258037512345653';
const OID = '1.2.250.1.213.1.4.10';
const NAME = 'DUBOIS^Marie';
/** Whatever a request could carry that must never become a label value. */
const IDENTIFYING = [ST, INS, OID, NAME, `PatientID=${INS}&IssuerOfPatientID=${OID}`];

/** One line of the text format: `name{labels} value`. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('label hygiene', () => {
  it('keeps identifiers passed anywhere out of the scrape', async () => {
    const { metrics, registry } = createGatewayMetrics({
      sourceIds: ['drimbox-a'],
      processMetrics: false,
    });
    for (const bad of IDENTIFYING) {
      // Every string a caller hands over, typed or not, once each with an identifier in it.
      metrics.request(bad as RouteFamily, bad, 200, 0.01);
      metrics.requestAborted(bad as RouteFamily, bad);
      metrics.upstreamAnswer(bad, 200, bad, 0.01);
      metrics.upstreamError(bad, bad as UpstreamErrorKind);
      metrics.consentRefusal(bad);
      metrics.breakGlassUsed(bad);
    }
    const text = await registry.metrics();
    for (const bad of IDENTIFYING) expect(text).not.toContain(bad);
    expect(text).not.toContain('PatientID');
    const n = IDENTIFYING.length;
    expect(
      sample(
        text,
        'drim_gateway_requests_total',
        'route_family="other",source="unknown",status_class="2xx"',
      ),
    ).toBe(n);
    expect(
      sample(
        text,
        'drim_gateway_upstream_responses_total',
        'source="unknown",status_class="2xx",cache_status="other"',
      ),
    ).toBe(n);
    expect(
      sample(text, 'drim_gateway_upstream_errors_total', 'source="unknown",kind="other"'),
    ).toBe(n);
    expect(sample(text, 'drim_gateway_consent_refusals_total', 'code="other"')).toBe(n);
  });

  it('keeps the configured sources and the closed sets as they are', async () => {
    const { metrics, registry } = createGatewayMetrics({
      sourceIds: ['drimbox-a'],
      processMetrics: false,
    });
    metrics.request('dicomweb-frames', 'drimbox-a', 206, 0.003);
    metrics.request('config', undefined, 304, 0.001);
    metrics.upstreamAnswer('drimbox-a', 200, ' hit ', 0.002);
    metrics.upstreamAnswer('drimbox-a', 200, undefined, 0.002);
    metrics.upstreamError('drimbox-a', 'reset');
    metrics.consentRefusal('consent_revoked');
    metrics.metadataCache('hit');
    metrics.watchMetadataCacheBytes(() => 4096);
    metrics.observeTraceWrite(0.004, 3);
    // Passed unbound, as AuditTrail's observer.
    const observe = metrics.observeTraceWrite;
    observe(0.002, 2, true);
    observe(0.5, 7, false);
    const text = await registry.metrics();
    expect(
      sample(
        text,
        'drim_gateway_requests_total',
        'route_family="dicomweb-frames",source="drimbox-a",status_class="2xx"',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'drim_gateway_requests_total',
        'route_family="config",source="none",status_class="3xx"',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'drim_gateway_upstream_responses_total',
        'source="drimbox-a",status_class="2xx",cache_status="HIT"',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'drim_gateway_upstream_responses_total',
        'source="drimbox-a",status_class="2xx",cache_status="none"',
      ),
    ).toBe(1);
    expect(
      sample(text, 'drim_gateway_upstream_errors_total', 'source="drimbox-a",kind="reset"'),
    ).toBe(1);
    expect(sample(text, 'drim_gateway_consent_refusals_total', 'code="consent_revoked"')).toBe(1);
    expect(sample(text, 'drim_gateway_metadata_cache_lookups_total', 'outcome="hit"')).toBe(1);
    expect(text).toContain('drim_gateway_metadata_cache_bytes 4096');
    expect(text).toContain('drim_gateway_trace_records_written_total 5');
    expect(text).toContain('drim_gateway_trace_write_seconds_count 2');
    expect(text).toContain('drim_gateway_trace_write_failures_total 1');
    expect(
      sample(
        text,
        'drim_gateway_request_duration_seconds_bucket',
        'le="0.005",route_family="dicomweb-frames",source="drimbox-a",status_class="2xx"',
      ),
    ).toBe(1);
  });

  it('reduces label inputs to closed sets', () => {
    const guard = labelGuard(['a']);
    expect(guard.source('a')).toBe('a');
    expect(guard.source(undefined)).toBe('none');
    expect(guard.source('b')).toBe('unknown');
    expect(guard.cacheStatus('revalidated')).toBe('REVALIDATED');
    expect(guard.cacheStatus('HIT, MISS')).toBe('other');
    expect(guard.errorKind('timeout')).toBe('timeout');
    expect(guard.errorKind('ECONNREFUSED')).toBe('other');
    expect(statusClass(101)).toBe('1xx');
    expect(statusClass(299)).toBe('2xx');
    expect(statusClass(499)).toBe('4xx');
    expect(statusClass(504)).toBe('5xx');
  });
});

describe('registries', () => {
  it('gives each gateway its own counts', async () => {
    const one = createGatewayMetrics({ sourceIds: ['a'], processMetrics: false });
    const two = createGatewayMetrics({ sourceIds: ['a'], processMetrics: false });
    one.metrics.consentRefusal('consent_required');
    expect(await one.registry.metrics()).toContain(
      'drim_gateway_consent_refusals_total{code="consent_required"} 1',
    );
    expect(await two.registry.metrics()).not.toContain('code="consent_required"');
  });

  it('adds the process metrics to the gateway’s registry when asked', async () => {
    const { registry } = createGatewayMetrics({ sourceIds: [] });
    const text = await registry.metrics();
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('has a no-op set that counts nothing and never throws', () => {
    expect(NO_METRICS.enabled).toBe(false);
    expect(() => {
      NO_METRICS.request('spa', undefined, 200, 0.001);
      NO_METRICS.observeTraceWrite(0.001, 1);
      NO_METRICS.watchMetadataCacheBytes(() => 1);
    }).not.toThrow();
  });
});
