// The gateways' metrics in the region profile (dev/stack.ts run --profile region): each
// gateway's own loopback /metrics (stack.json's `metricsUrl`), and the shared nginx cache's
// verdict on each upstream answer, read from the X-Cache-Status header it adds.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../dev/sample-data/manifest';
import type { RegionGatewayInfo, StackInfo } from '../dev/stack/launch';
import { demoAccessToken, readManifest, readStackInfo } from '../dev/stack/stackInfo';

let stack: StackInfo;
let manifest: Manifest;
let gateways: RegionGatewayInfo[];
let token: string;

beforeAll(async () => {
  stack = readStackInfo();
  if (stack.profile !== 'region' || !stack.gateways || stack.gateways.length < 2) {
    throw new Error('these tests need `dev/stack.ts run --profile region` (two gateways or more)');
  }
  gateways = stack.gateways;
  manifest = readManifest(stack);
  token = await demoAccessToken('radiologue', stack);
}, 60_000);

async function scrape(gateway: RegionGatewayInfo): Promise<string> {
  const res = await fetch(gateway.metricsUrl);
  expect(res.status).toBe(200);
  return res.text();
}

function value(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('metrics of a region’s gateways', () => {
  it('count the shared cache’s verdicts, per gateway, and stay off the balancer', async () => {
    if (!stack.cache) throw new Error('the region runs without its cache (--no-cache)');
    const study = manifest.studies.find((s) => s.key === 'dubois-mr-knee-2025');
    if (!study) throw new Error('no study dubois-mr-knee-2025 in the manifest');
    const sourceId = study.sourceIds[0]!;
    const series = study.series[0]!;
    const seriesPath = `/dicomweb/${sourceId}/studies/${study.studyInstanceUID}/series/${series.seriesInstanceUID}`;
    const ask = (gateway: RegionGatewayInfo, p: string, accept: string) =>
      fetch(`${gateway.url}${p}`, { headers: { authorization: `Bearer ${token}`, accept } });
    const listing = await ask(gateways[0]!, `${seriesPath}/instances`, 'application/dicom+json');
    expect(listing.status).toBe(200);
    const sop = ((await listing.json()) as Record<string, { Value?: string[] }>[])[0]?.['00080018']
      ?.Value?.[0];
    expect(sop).toBeDefined();
    const frame = `${seriesPath}/instances/${sop}/frames/1`;
    const frameAccept = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';

    const answers = (text: string, cache: string) =>
      value(
        text,
        'drim_gateway_upstream_responses_total',
        `source="${sourceId}",status_class="2xx",cache_status="${cache}"`,
      );
    const frames = (text: string) =>
      value(
        text,
        'drim_gateway_requests_total',
        `route_family="dicomweb-frames",source="${sourceId}",status_class="2xx"`,
      );
    const before = await Promise.all(gateways.map(scrape));
    // Through gateway 0 (warming the cache, unless an earlier run did), then gateway 1.
    for (const gateway of [gateways[0]!, gateways[1]!]) {
      const res = await ask(gateway, frame, frameAccept);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
    const after = await Promise.all(gateways.map(scrape));

    // Gateway 1 came second: its frame was the cache's.
    expect(answers(after[1]!, 'HIT') - answers(before[1]!, 'HIT')).toBe(1);
    expect(frames(after[1]!) - frames(before[1]!)).toBe(1);
    // Gateway 0 got one answer from the cache, hit or miss, and counted its own frame only.
    const verdicts = ['HIT', 'MISS', 'EXPIRED', 'STALE', 'UPDATING', 'REVALIDATED'];
    const sum = (text: string) => verdicts.reduce((n, v) => n + answers(text, v), 0);
    expect(sum(after[0]!) - sum(before[0]!)).toBe(1);
    expect(frames(after[0]!) - frames(before[0]!)).toBe(1);

    for (const text of after) {
      for (const secret of [study.studyInstanceUID, series.seriesInstanceUID, sop!]) {
        expect(text).not.toContain(secret);
      }
    }
    // The balancer serves the region's public port; /metrics is not there.
    const onPublic = await fetch(`${stack.gatewayUrl}/metrics`);
    expect(await onPublic.text()).not.toContain('drim_gateway_');
  });
});
