// The three ways a study reaches our viewer from outside, as the bench triggers them: a
// patient-record page (a "DPI") on its own loopback origin, as e2e/fixtures/dpi.html is,
// with an IHE IID STUDY link for a professional, the DRIMbox contextual call (a form POST)
// and a patient's own link (Mon Espace Santé). The bench loads that page unmeasured, then
// clicks: t0 is the click.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Manifest, ManifestStudy } from '../../dev/sample-data/manifest';

export type LaunchPathName = 'iid-study' | 'contextual-post' | 'patient-link';

export interface LaunchPath {
  name: LaunchPathName;
  /** The demo user signed in at the IdP (password `demo`). */
  username: string;
  study: ManifestStudy;
  /** The DPI page's element the GP clicks (a link, or the form's button). */
  clickId: string;
}

export interface DpiPages {
  /** The page of each path, on its own origin (127.0.0.1, the gateway is on localhost). */
  urlOf(path: LaunchPathName): string;
  close(): Promise<void>;
}

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function patientOf(manifest: Manifest, study: ManifestStudy) {
  const patient = manifest.patients.find((p) => p.key === study.patientKey);
  if (!patient?.ins) throw new Error(`the patient of ${study.key} has no INS`);
  return { ...patient, ins: patient.ins };
}

/** HL7 v2 CX with the INS and its issuer's OID, as IID's patientID wants it. */
function cxOf(ins: { id: string; issuer: string }): string {
  return `${ins.id}^^^&${ins.issuer}&ISO`;
}

function linkPage(href: string, id: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>DPI</title></head>
<body><a id="${id}" href="${escape(href)}">Imagerie</a></body></html>`;
}

export function iidStudyUrl(gatewayUrl: string, manifest: Manifest, study: ManifestStudy): string {
  const patient = patientOf(manifest, study);
  const q = new URLSearchParams({
    requestType: 'STUDY',
    studyUID: study.studyInstanceUID,
    patientID: cxOf(patient.ins),
  });
  return `${gatewayUrl}/IHEInvokeImageDisplay?${q}`;
}

export function patientLinkUrl(
  gatewayUrl: string,
  manifest: Manifest,
  study: ManifestStudy,
): string {
  const patient = patientOf(manifest, study);
  const q = new URLSearchParams({
    requestType: 'STUDY',
    studyUID: study.studyInstanceUID,
    patientID: cxOf(patient.ins),
  });
  return `${gatewayUrl}/lien-patient/IHEInvokeImageDisplay?${q}`;
}

/** The contextual call's fields (src/domain/launch/contextualCall.ts), naming the study. */
export function contextualFields(manifest: Manifest, study: ManifestStudy): [string, string][] {
  const patient = patientOf(manifest, study);
  const sourceId = study.sourceIds[0];
  const local = patient.localIds.find((l) => l.sourceId === sourceId) ?? patient.localIds[0];
  if (!local) throw new Error(`the patient of ${study.key} has no local id`);
  const birth = patient.birthDate;
  return [
    ['Patient.identifier.value', patient.ins.id],
    ['Patient.identifier.system', `urn:oid:${patient.ins.issuer}`],
    ['Patient.name.family', patient.familyName],
    ['Patient.name.given', patient.givenName],
    ['Patient.gender', patient.sex === 'F' ? 'female' : 'male'],
    ['Patient.birthDate', `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`],
    ['InformationEtConsentement', 'true'],
    ['PatientID', local.id],
    ['PatientIDIssuer', local.issuer],
    ['StudyInstanceUID', study.studyInstanceUID],
  ];
}

function formPage(action: string, fields: [string, string][], id: string): string {
  const inputs = fields
    .map(([n, v]) => `<input type="hidden" name="${escape(n)}" value="${escape(v)}">`)
    .join('');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>DPI</title></head>
<body><form method="post" action="${escape(action)}">${inputs}<button id="${id}" type="submit">Imagerie</button></form></body></html>`;
}

/** Serves one DPI page a path on a loopback port of its own. */
export async function startDpiPages(
  gatewayUrl: string,
  manifest: Manifest,
  paths: LaunchPath[],
): Promise<DpiPages> {
  const pages = new Map<string, string>();
  for (const p of paths) {
    const html =
      p.name === 'iid-study'
        ? linkPage(iidStudyUrl(gatewayUrl, manifest, p.study), p.clickId)
        : p.name === 'patient-link'
          ? linkPage(patientLinkUrl(gatewayUrl, manifest, p.study), p.clickId)
          : formPage(
              `${gatewayUrl}/api/conso/parameters`,
              contextualFields(manifest, p.study),
              p.clickId,
            );
    pages.set(`/dpi/${p.name}`, html);
  }
  const server = http.createServer((req, res) => {
    const html = pages.get(req.url ?? '');
    if (!html) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urlOf: (name) => `http://127.0.0.1:${port}/dpi/${name}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
