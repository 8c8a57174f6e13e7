// A whole study as a ZIP file-set (IHE PDI layout: DICOMDIR at the root, the instances under
// DICOM/…), streamed: the source's series are retrieved one at a time, each instance goes
// into the ZIP as its bytes arrive, and the gateway holds a few chunks at a time whatever the
// study's size. Which instances go in was decided before the first byte (who they are about,
// from the source's own listing); each part's file meta header is read as it passes, and a
// part whose SOP instance UID was not allowed is left out.
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import dicomParser from 'dicom-parser';
import yazl from 'yazl';
import { num, str, type DicomDataset } from '../../src/domain/dicom/dicomJson';
import { TAG } from '../../src/domain/dicom/tags';
import { identifiersOf } from '../../src/domain/identity/identifiersOf';
import { identifierKey, type PatientIdentifier } from '../../src/domain/identity/patientIdentifier';
import { GatewayError } from '../errors';
import { PATIENT_FIELDS } from '../dicomweb/holdings';
import { upstreamFailure, type UpstreamClient } from '../dicomweb/upstreamClient';
import { searchUpstream } from '../dicomweb/upstreamSearch';
import {
  writeDicomdir,
  type DicomdirInstance,
  type DicomdirPatient,
  type DicomdirSeries,
} from './dicomdir';
import { boundaryOf, multipartParts } from './multipartParts';

/** Instances one download may hold (as many as the gateway's identity checks list). */
export const MAX_INSTANCES = 20_000;
const MAX_LISTING_BYTES = 64 * 1024 * 1024;
/** A part whose file meta header is not within its first bytes is not a DICOM file. */
const MAX_META_BYTES = 64 * 1024;
/** Per entry in flight between the source and the ZIP writer. */
const ENTRY_BUFFER_BYTES = 256 * 1024;
const SERIES_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';

const LISTED_FIELDS = [
  TAG.StudyInstanceUID,
  TAG.SeriesInstanceUID,
  '00080018',
  '00080016',
  '00080020',
  '00080030',
  '00080050',
  '00081030',
  '00080060',
  '00200010',
  '00200011',
  '00200013',
  '00080023',
  '00080033',
  '00420010',
  '00420012',
  '0040A491',
  '0040A493',
  '00100010',
  '00100030',
  '00100040',
  ...PATIENT_FIELDS,
];

export interface PlannedInstance {
  sopUid: string;
  dataset: DicomDataset;
  identifiers: PatientIdentifier[];
}

export interface PlannedSeries {
  seriesUid: string;
  /** The person the series is filed under in the DICOMDIR (index into `persons`). */
  person: number;
  instances: PlannedInstance[];
}

export interface StudyZipPlan {
  studyUid: string;
  series: PlannedSeries[];
  /** One dataset per person the allowed instances name: their DICOMDIR patient record. */
  persons: DicomDataset[];
  instanceCount: number;
}

const tooLarge = (): GatewayError =>
  new GatewayError(
    400,
    'bad_request',
    'Cet examen est trop volumineux pour être téléchargé en une fois.',
  );

const nothingToSave = (label: string): GatewayError =>
  new GatewayError(
    404,
    'not_found',
    `Aucune image de cet examen à télécharger depuis « ${label} ».`,
  );

/**
 * The instances of the study at this source that may go into the download: those naming one
 * of `allowedFor` when it is given (the patient, the people a consent covers, the patient a
 * professional opened the study for). Throws when there is nothing, or too much.
 */
export async function planStudyZip(
  upstream: UpstreamClient,
  studyUid: string,
  allowedFor: readonly PatientIdentifier[][],
  signal: AbortSignal,
): Promise<StudyZipPlan> {
  const listed = await searchUpstream(
    upstream,
    `studies/${studyUid}/instances`,
    new Map([['includefield', [LISTED_FIELDS.join(',')]]]),
    { maxBytes: MAX_LISTING_BYTES, limit: MAX_INSTANCES, signal },
  );
  if (listed.length >= MAX_INSTANCES) throw tooLarge();
  const allowed = allowedFor.map((ids) => new Set(ids.map(identifierKey)));
  const persons = new Map<string, number>();
  const personDatasets: DicomDataset[] = [];
  const bySeries = new Map<string, PlannedSeries>();
  for (const ds of listed) {
    const sopUid = str(ds, '00080018');
    const seriesUid = str(ds, TAG.SeriesInstanceUID);
    if (str(ds, TAG.StudyInstanceUID) !== studyUid || !sopUid || !seriesUid) continue;
    const identifiers = identifiersOf(ds).map(({ issuer, id }) => ({ issuer, id }));
    const keys = identifiers.map(identifierKey);
    if (!allowed.every((set) => keys.some((k) => set.has(k)))) continue;
    const personKey = `${str(ds, TAG.IssuerOfPatientID)}|${str(ds, TAG.PatientID)}`;
    let person = persons.get(personKey);
    if (person === undefined) {
      person = personDatasets.length;
      persons.set(personKey, person);
      personDatasets.push(ds);
    }
    const key = `${person}|${seriesUid}`;
    let series = bySeries.get(key);
    if (!series) {
      series = { seriesUid, person, instances: [] };
      bySeries.set(key, series);
    }
    series.instances.push({ sopUid, dataset: ds, identifiers });
  }
  if (bySeries.size === 0) throw nothingToSave(upstream.source.label);
  const order = (s: PlannedSeries): number => num(s.instances[0]?.dataset, '00200011') ?? 1e9;
  const series = [...bySeries.values()].sort(
    (a, b) => a.person - b.person || order(a) - order(b) || a.seriesUid.localeCompare(b.seriesUid),
  );
  for (const s of series) {
    s.instances.sort(
      (a, b) =>
        (num(a.dataset, '00200013') ?? 1e9) - (num(b.dataset, '00200013') ?? 1e9) ||
        a.sopUid.localeCompare(b.sopUid),
    );
  }
  return {
    studyUid,
    series,
    persons: personDatasets,
    instanceCount: series.reduce((n, s) => n + s.instances.length, 0),
  };
}

/** Reads a DICOM file's meta header from its first bytes, or null while more are needed. */
function readMeta(
  head: Buffer,
): { sopClassUid: string; sopInstanceUid: string; transferSyntaxUid: string } | null {
  if (head.length < 144) return null;
  if (head.toString('latin1', 128, 132) !== 'DICM') throw new Error('not a DICOM file');
  // (0002,0000) UL group length comes first in every conformant meta header.
  if (head.readUInt16LE(132) !== 0x0002 || head.readUInt16LE(134) !== 0x0000) {
    throw new Error('file meta header without its group length');
  }
  const end = 144 + head.readUInt32LE(140);
  if (head.length < end) return null;
  const meta = dicomParser.readPart10Header(head.subarray(0, end));
  const sopClassUid = meta.string('x00020002') ?? '';
  const sopInstanceUid = meta.string('x00020003') ?? '';
  const transferSyntaxUid = meta.string('x00020010') ?? '';
  if (!sopInstanceUid || !transferSyntaxUid) throw new Error('incomplete file meta header');
  return { sopClassUid, sopInstanceUid, transferSyntaxUid };
}

const pad6 = (n: number): string => String(n).padStart(6, '0');

export interface StudyZipOutcome {
  /** Instances written into the ZIP. */
  written: number;
  /** Series refused by the per-series identity check and left out. */
  seriesRefused: number;
}

export interface StudyZipWriter {
  /** The ZIP as it is produced. */
  stream: Readable;
  /** Settles once the ZIP is complete (or failed; the stream is then destroyed). */
  done: Promise<StudyZipOutcome>;
}

export interface StudyZipOptions {
  upstream: UpstreamClient;
  plan: StudyZipPlan;
  signal: AbortSignal;
  /** Checks a series before its bytes are asked for; throws (403) to leave it out. */
  authorizeSeries: (seriesUid: string) => Promise<void>;
  mtime?: Date;
}

/** Starts writing the study's ZIP; the caller sends `stream` and awaits `done`. */
export function writeStudyZip(opts: StudyZipOptions): StudyZipWriter {
  const { upstream, plan, signal } = opts;
  const zip = new yazl.ZipFile();
  // yazl's outputStream is a stream.PassThrough (typed as the older NodeJS.ReadableStream).
  const output = zip.outputStream as unknown as Readable;
  const mtime = opts.mtime ?? new Date();
  const entry = { mtime, compress: false };

  const run = async (): Promise<StudyZipOutcome> => {
    const dirSeries: { person: number; series: DicomdirSeries }[] = [];
    let written = 0;
    let seriesRefused = 0;
    for (const [index, planned] of plan.series.entries()) {
      try {
        await opts.authorizeSeries(planned.seriesUid);
      } catch (err) {
        if (err instanceof GatewayError && err.status === 403) {
          seriesRefused++;
          continue;
        }
        throw err;
      }
      const folder = ['DICOM', 'ST000001', `SE${pad6(index + 1)}`];
      const instances = await retrieveSeries(planned, folder, written);
      written += instances.length;
      if (instances.length > 0) {
        const first = planned.instances[0]!.dataset;
        dirSeries.push({
          person: planned.person,
          series: {
            seriesInstanceUid: planned.seriesUid,
            modality: str(first, '00080060'),
            seriesNumber: str(first, '00200011'),
            instances,
          },
        });
      }
    }
    const patients: DicomdirPatient[] = plan.persons.map((ds, person) => ({
      patientName: str(ds, TAG.PatientName),
      patientId: str(ds, TAG.PatientID),
      issuerOfPatientId: str(ds, TAG.IssuerOfPatientID),
      birthDate: str(ds, TAG.PatientBirthDate),
      sex: str(ds, '00100040'),
      studies: [
        {
          studyInstanceUid: plan.studyUid,
          studyDate: str(ds, '00080020'),
          studyTime: str(ds, '00080030'),
          studyId: str(ds, '00200010'),
          accessionNumber: str(ds, TAG.AccessionNumber),
          studyDescription: str(ds, '00081030'),
          series: dirSeries.filter((s) => s.person === person).map((s) => s.series),
        },
      ],
    }));
    zip.addBuffer(
      writeDicomdir(
        patients.filter((p) => p.studies[0]!.series.length > 0),
        { fileSetId: 'DRIM_VIEWER' },
      ),
      'DICOMDIR',
      entry,
    );
    zip.end();
    await once(output, 'end', { signal });
    return { written, seriesRefused };
  };

  /** One series' retrieve, each allowed part streamed into its ZIP entry. */
  const retrieveSeries = async (
    planned: PlannedSeries,
    folder: string[],
    writtenBefore: number,
  ): Promise<DicomdirInstance[]> => {
    const wanted = new Map(planned.instances.map((i) => [i.sopUid, i]));
    const res = await upstream.send({
      method: 'GET',
      path: `studies/${plan.studyUid}/series/${planned.seriesUid}`,
      query: '',
      headers: { accept: SERIES_ACCEPT },
      signal,
    });
    const contentType = res.headers['content-type'];
    const boundary =
      res.statusCode === 200
        ? boundaryOf(typeof contentType === 'string' ? contentType : '')
        : null;
    if (boundary === null) {
      await res.body.dump().catch(() => undefined);
      throw upstreamFailure(
        new Error(`series retrieve answered ${res.statusCode}`),
        upstream.source,
      );
    }
    const out: DicomdirInstance[] = [];
    let head: Buffer[] | null = null;
    let headLength = 0;
    let current: PassThrough | null = null;
    const write = async (chunk: Buffer): Promise<void> => {
      if (current && !current.write(chunk)) await once(current, 'drain', { signal });
    };
    try {
      for await (const event of multipartParts(res.body, boundary)) {
        if (event.kind === 'headers') {
          head = [];
          headLength = 0;
          current = null;
        } else if (event.kind === 'data') {
          if (head === null) {
            await write(event.chunk);
            continue;
          }
          head.push(event.chunk);
          headLength += event.chunk.length;
          const buffered = Buffer.concat(head);
          head = [buffered];
          const meta = readMeta(buffered);
          if (meta === null) {
            if (headLength > MAX_META_BYTES) throw new Error('no file meta header');
            continue;
          }
          head = null;
          const planned = wanted.get(meta.sopInstanceUid);
          // Not listed for this download (someone else's, or a second copy): left out.
          if (!planned) continue;
          wanted.delete(meta.sopInstanceUid);
          const fileId = [...folder, `IM${pad6(writtenBefore + out.length + 1)}`];
          current = new PassThrough({ highWaterMark: ENTRY_BUFFER_BYTES });
          zip.addReadStream(current, fileId.join('/'), entry);
          const ds = planned.dataset;
          out.push({
            fileId,
            sopClassUid: meta.sopClassUid || str(ds, '00080016'),
            sopInstanceUid: meta.sopInstanceUid,
            transferSyntaxUid: meta.transferSyntaxUid,
            instanceNumber: str(ds, '00200013'),
            contentDate: str(ds, '00080023'),
            contentTime: str(ds, '00080033'),
            documentTitle: str(ds, '00420010'),
            mimeType: str(ds, '00420012'),
            completionFlag: str(ds, '0040A491'),
            verificationFlag: str(ds, '0040A493'),
          });
          await write(buffered);
        } else {
          if (head !== null) throw new Error('a part too short to be a DICOM file');
          const ended = current;
          current = null;
          ended?.end();
        }
      }
    } catch (err) {
      if (err instanceof GatewayError) throw err;
      if (res.deadline.aborted) throw upstreamFailure(err, upstream.source);
      throw signal.aborted ? err : upstreamFailure(err, upstream.source);
    } finally {
      await res.body.dump().catch(() => undefined);
    }
    return out;
  };

  const done = run().catch((err: unknown) => {
    output.destroy(err instanceof Error ? err : new Error(String(err)));
    throw err;
  });
  // The caller awaits `done`; this only keeps an early failure from being reported as unhandled.
  done.catch(() => undefined);
  return { stream: output, done };
}
