// The metrics of a real gateway process (server/main.ts with the stack's region config and
// `--metrics-port`, as the region profile starts several gateways on one machine) in front of the stack's real Orthanc sources and
// delaying proxies, with tokens from the real IdP: what a region's Prometheus would scrape.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest, ManifestPatient, ManifestStudy } from '../dev/sample-data/manifest';
import type { StackInfo } from '../dev/stack/launch';
import {
  demoAccessToken,
  readManifest,
  readStackInfo,
  setSourceFault,
} from '../dev/stack/stackInfo';
import { freePort, startGatewayProcess, stopGatewayProcess } from '../dev/stack/gatewayProcess';

const ARCHIVE = 'archive-regionale';

function value(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('gateway metrics (real gateway process, real sources, real IdP)', () => {
  let stack: StackInfo;
  let manifest: Manifest;
  let workDir: string;
  let port: number;
  let metricsPort: number;
  let gateway: ChildProcess | undefined;
  let token: string;
  let patient: ManifestPatient;
  let study: ManifestStudy;
  let source: string;

  beforeAll(async () => {
    stack = readStackInfo();
    manifest = readManifest(stack);
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-metrics-int-'));
    port = await freePort();
    metricsPort = await freePort();
    gateway = await startGatewayProcess({
      port,
      args: [
        '--config',
        stack.regionConfigPath,
        '--metrics-port',
        String(metricsPort),
        '--data-dir',
        path.join(workDir, 'data'),
      ],
    });
    token = await demoAccessToken('medecin', stack);
    const drimboxes = new Set(stack.sources.filter((s) => s.kind === 'drimbox').map((s) => s.id));
    const found = manifest.studies.find(
      (st) =>
        st.sourceIds.some((id) => drimboxes.has(id)) &&
        manifest.patients.find((p) => p.key === st.patientKey)?.ins !== undefined,
    );
    if (!found) throw new Error('manifest has no study of a patient with an INS on a DRIMbox');
    study = found;
    patient = manifest.patients.find((p) => p.key === found.patientKey)!;
    source = found.sourceIds.find((id) => drimboxes.has(id))!;
  });

  afterAll(async () => {
    await setSourceFault(source, 'none').catch(() => undefined);
    await stopGatewayProcess(gateway);
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  const gw = (p: string, accept = 'application/dicom+json'): Promise<Response> =>
    fetch(`http://127.0.0.1:${port}${p}`, {
      headers: { authorization: `Bearer ${token}`, accept },
    });

  it('counts searches, frames, the metadata cache, consent refusals and a bad answer', async () => {
    const ins = patient.ins!;
    const byIns = `PatientID=${ins.id}&IssuerOfPatientID=${ins.issuer}`;
    expect((await gw(`/dicomweb/${source}/studies?${byIns}`)).status).toBe(200);

    const series = study.series[0]!;
    const seriesPath = `/dicomweb/${source}/studies/${study.studyInstanceUID}/series/${series.seriesInstanceUID}`;
    const listing = await gw(`${seriesPath}/instances`);
    expect(listing.status).toBe(200);
    const sop = ((await listing.json()) as Record<string, { Value?: string[] }>[])[0]?.['00080018']
      ?.Value?.[0];
    expect(sop).toBeDefined();
    const frame = await gw(
      `${seriesPath}/instances/${sop}/frames/1`,
      'multipart/related; type=application/octet-stream; transfer-syntax=*',
    );
    expect(frame.status).toBe(200);
    expect((await frame.arrayBuffer()).byteLength).toBeGreaterThan(0);

    const first = await gw(`${seriesPath}/metadata`);
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    const again = await gw(`${seriesPath}/metadata`);
    expect(again.headers.get('x-drim-cache')).toBe('hit');
    await again.arrayBuffer();

    // This gateway's own data dir holds no consent: the archive refuses.
    const refused = await gw(`/dicomweb/${ARCHIVE}/studies?${byIns}`);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('consent_required');

    await setSourceFault(source, 'deep-json');
    expect((await gw(`/dicomweb/${source}/studies?${byIns}`)).status).toBe(502);
    await setSourceFault(source, 'none');

    const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toContain('version=0.0.4');
    const text = await scrape.text();
    const requests = (family: string, src: string, status: string) =>
      value(
        text,
        'drim_gateway_requests_total',
        `route_family="${family}",source="${src}",status_class="${status}"`,
      );
    expect(requests('dicomweb-qido', source, '2xx')).toBe(2);
    expect(requests('dicomweb-qido', source, '5xx')).toBe(1);
    expect(requests('dicomweb-frames', source, '2xx')).toBe(1);
    expect(requests('dicomweb-metadata', source, '2xx')).toBe(2);
    expect(requests('dicomweb-qido', ARCHIVE, '4xx')).toBe(1);
    expect(value(text, 'drim_gateway_consent_refusals_total', 'code="consent_required"')).toBe(1);
    expect(
      value(text, 'drim_gateway_upstream_errors_total', `source="${source}",kind="malformed"`),
    ).toBe(1);
    expect(value(text, 'drim_gateway_metadata_cache_lookups_total', 'outcome="hit"')).toBe(1);
    // No shared cache in the test profile: every answer arrives without X-Cache-Status.
    expect(
      value(
        text,
        'drim_gateway_upstream_responses_total',
        `source="${source}",status_class="2xx",cache_status="none"`,
      ),
    ).toBeGreaterThanOrEqual(5);
    // Every read was traced, and the trail reports its commits.
    expect(text).toMatch(/^drim_gateway_trace_write_seconds_count [1-9][0-9]*$/m);
    expect(text).toContain('nodejs_eventloop_lag_seconds');

    const secrets = [
      study.studyInstanceUID,
      series.seriesInstanceUID,
      sop!,
      ins.id,
      patient.familyName,
      study.accessionNumber,
      'medecin',
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
