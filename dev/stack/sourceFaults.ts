// The ways a real DICOMweb source goes wrong, played by the proxy in front of a local Orthanc
// so the gateway's defences are tested against them, switched on and off per source from
// the launcher's control API (docs/CONTRACTS.md):
// - `ignores-patient-filter`: a QIDO implementation that does not support PatientID (and
//   its issuer) and answers as if they were not there — everyone's studies;
// - `huge-json`: every JSON search answered with 60 MB of well-formed DICOM JSON;
// - `trickle`: a JSON answer that starts at once, then sends one byte every two seconds;
// - `deep-json`: JSON nested a hundred thousand levels deep.
import type http from 'node:http';

export const SOURCE_FAULTS = [
  'none',
  'ignores-patient-filter',
  'huge-json',
  'trickle',
  'deep-json',
] as const;

export type SourceFault = (typeof SOURCE_FAULTS)[number];

export function isSourceFault(value: string): value is SourceFault {
  return (SOURCE_FAULTS as readonly string[]).includes(value);
}

export const HUGE_JSON_BYTES = 60 * 1024 * 1024;
const TRICKLE_EVERY_MS = 2000;
const DEEP_LEVELS = 100_000;

/** QIDO-RS: a search at the root of the source or under a study or series. */
function isSearch(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return /\/(studies|series|instances)$/.test(path);
}

/** The query without the keys a careless source would not understand. */
export function withoutPatientFilter(url: string): string {
  const at = url.indexOf('?');
  if (at === -1) return url;
  const kept = url
    .slice(at + 1)
    .split('&')
    .filter((pair) => !/^(PatientID|IssuerOfPatientID|00100020|00100021)=/i.test(pair));
  return kept.length === 0 ? url.slice(0, at) : `${url.slice(0, at)}?${kept.join('&')}`;
}

let hugeAnswer: Buffer | null = null;

/** Study-like datasets, as a source's search would answer them, to HUGE_JSON_BYTES. */
function huge(): Buffer {
  if (hugeAnswer) return hugeAnswer;
  const rows: string[] = [];
  let size = 2;
  for (let i = 0; size < HUGE_JSON_BYTES; i++) {
    const row = JSON.stringify({
      '00080020': { vr: 'DA', Value: ['20240101'] },
      '00080050': { vr: 'SH', Value: [`X${i}`] },
      '00081030': { vr: 'LO', Value: ['SCANNER THORACO-ABDOMINO-PELVIEN AVEC INJECTION'] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: `PATIENT^${i}` }] },
      '00100020': { vr: 'LO', Value: [`FAULT${i}`] },
      '00100021': { vr: 'LO', Value: ['2.25.1'] },
      '0020000D': { vr: 'UI', Value: [`2.25.${1_000_000 + i}`] },
      '00201208': { vr: 'IS', Value: [i % 400] },
    });
    rows.push(row);
    size += row.length + 1;
  }
  hugeAnswer = Buffer.from(`[${rows.join(',')}]`);
  return hugeAnswer;
}

/**
 * Answers the request itself when the fault does, and returns true; returns false when the
 * request should go to the source (possibly rewritten: see `rewriteUrl`).
 */
export function answerWithFault(
  fault: SourceFault,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): boolean {
  const url = req.url ?? '';
  if (fault === 'none' || fault === 'ignores-patient-filter' || !isSearch(url)) return false;
  const json = { 'content-type': 'application/dicom+json' };
  if (fault === 'huge-json') {
    const body = huge();
    res.writeHead(200, { ...json, 'content-length': String(body.length) }).end(body);
    return true;
  }
  if (fault === 'deep-json') {
    res.writeHead(200, json).end('['.repeat(DEEP_LEVELS) + ']'.repeat(DEEP_LEVELS));
    return true;
  }
  res.writeHead(200, json);
  res.write('[');
  const timer = setInterval(() => res.write(' '), TRICKLE_EVERY_MS);
  res.once('close', () => clearInterval(timer));
  return true;
}

/** The URL sent to the source under the fault. */
export function rewriteUrl(fault: SourceFault, url: string): string {
  return fault === 'ignores-patient-filter' && isSearch(url) ? withoutPatientFilter(url) : url;
}
