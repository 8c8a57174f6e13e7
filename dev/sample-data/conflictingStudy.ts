// A StudyInstanceUID held under two patients at one DRIMbox, as CD imports and faulty
// modalities make them: a few CT slices of Jean MARTIN stored at Nancy under the UID of
// Marie DUBOIS's ultrasound. The isolation tests plant it, check that neither patient's
// data reaches the other, and take it away again; it is never part of the sample itself,
// so every other test sees a consistent region.
import type { StackInfo } from '../stack/launch';
import { uidFor } from './determinism';
import { readPart10, writePart10 } from './dicom-file';
import type { Manifest, ManifestStudy } from './manifest';

/** Marie's study whose UID is borrowed, and the study Jean's slices are copied from. */
export const CONFLICT_HOST_STUDY = 'dubois-us-abdo-2024';
export const CONFLICT_INTRUDER_STUDY = 'martin-ct-thorax-2026';
const PLANTED_SLICES = 3;

export interface PlantedConflict {
  sourceId: string;
  /** Marie's study UID, now also Jean's at this source. */
  studyInstanceUID: string;
  /** Marie's own series under that UID. */
  hostSeriesUIDs: string[];
  /** The series of Jean's slices, and their instance UIDs. */
  intruderSeriesUID: string;
  intruderInstanceUIDs: string[];
  /** Deletes the planted instances from the source. */
  remove(): Promise<void>;
}

function study(manifest: Manifest, key: string): ManifestStudy {
  const found = manifest.studies.find((s) => s.key === key);
  if (!found) throw new Error(`sample has no study ${key}`);
  return found;
}

async function orthancJson(url: string, init?: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: HTTP ${res.status}`);
  return res.json();
}

export async function plantConflictingStudy(
  stack: StackInfo,
  manifest: Manifest,
): Promise<PlantedConflict> {
  const host = study(manifest, CONFLICT_HOST_STUDY);
  const intruder = study(manifest, CONFLICT_INTRUDER_STUDY);
  const sourceId = host.sourceIds[0];
  if (!sourceId || !intruder.sourceIds.includes(sourceId)) {
    throw new Error('the two studies must share a source');
  }
  const source = stack.sources.find((s) => s.id === sourceId);
  if (!source) throw new Error(`stack has no source ${sourceId}`);
  const orthanc = source.orthancUrl;

  const found = (await orthancJson(`${orthanc}/tools/find`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      Level: 'Instance',
      Query: { StudyInstanceUID: intruder.studyInstanceUID },
      Expand: true,
    }),
  })) as Array<{ ID: string; MainDicomTags: { InstanceNumber?: string } }>;
  const slices = found
    .sort((a, b) => Number(a.MainDicomTags.InstanceNumber) - Number(b.MainDicomTags.InstanceNumber))
    .slice(0, PLANTED_SLICES);
  if (slices.length < PLANTED_SLICES) throw new Error('intruder study has too few instances');

  const seed = 'conflicting-study';
  const intruderSeriesUID = uidFor(seed, 'series');
  const planted: string[] = [];
  const intruderInstanceUIDs: string[] = [];
  try {
    for (const [i, slice] of slices.entries()) {
      const res = await fetch(`${orthanc}/instances/${slice.ID}/file`);
      if (!res.ok) throw new Error(`reading ${slice.ID}: HTTP ${res.status}`);
      const dataset = readPart10(new Uint8Array(await res.arrayBuffer()));
      const sopInstanceUID = uidFor(seed, `instance/${i}`);
      dataset.StudyInstanceUID = host.studyInstanceUID;
      dataset.SeriesInstanceUID = intruderSeriesUID;
      dataset.SOPInstanceUID = sopInstanceUID;
      dataset.SeriesNumber = 90;
      dataset.SeriesDescription = 'TDM THORAX (MARTIN)';
      const stored = (await orthancJson(`${orthanc}/instances`, {
        method: 'POST',
        headers: { 'content-type': 'application/dicom' },
        body: new Uint8Array(writePart10(dataset)),
      })) as { ID: string };
      planted.push(stored.ID);
      intruderInstanceUIDs.push(sopInstanceUID);
    }
  } catch (err) {
    await removeInstances(orthanc, planted);
    throw err;
  }

  return {
    sourceId,
    studyInstanceUID: host.studyInstanceUID,
    hostSeriesUIDs: host.series.map((s) => s.seriesInstanceUID),
    intruderSeriesUID,
    intruderInstanceUIDs,
    remove: () => removeInstances(orthanc, planted),
  };
}

async function removeInstances(orthanc: string, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const res = await fetch(`${orthanc}/instances/${id}`, { method: 'DELETE' });
    if (!res.ok && res.status !== 404) throw new Error(`deleting ${id}: HTTP ${res.status}`);
  }
}
