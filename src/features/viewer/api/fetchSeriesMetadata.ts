import { str } from '../../../domain/dicom/dicomJson';
import type { PublicSource } from '../../../domain/publicConfig';
import {
  DicomwebError,
  fetchDicomJson,
  sourcePath,
  type DicomJsonDataset,
} from '../../../lib/dicomweb';

/** A large series' metadata is big (≈1.6 kB per slice): give it more than a search. */
const MIN_TIMEOUT_MS = 30_000;

const SOP_INSTANCE_UID = '00080018';

function isNotFound(error: unknown): boolean {
  return (
    error instanceof DicomwebError && error.failure.kind === 'http' && error.failure.status === 404
  );
}

export async function fetchSeriesMetadata(options: {
  source: PublicSource;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  accessToken: string;
  signal?: AbortSignal;
}): Promise<DicomJsonDataset[]> {
  const series = `studies/${options.studyInstanceUID}/series/${options.seriesInstanceUID}`;
  const request = (rest: string) =>
    fetchDicomJson({
      path: sourcePath(options.source.id, rest),
      accessToken: options.accessToken,
      timeoutMs: Math.max(MIN_TIMEOUT_MS, options.source.timeoutMs),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  try {
    return await request(`${series}/metadata`);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    // Orthanc answers 404 here when it files one series UID under two patients
    // (domain/viewer/repeatedSeries.ts), yet lists and serves each instance: ask for those.
    const listed = await request(`${series}/instances`);
    const sops = [...new Set(listed.map((ds) => str(ds, SOP_INSTANCE_UID)).filter(Boolean))];
    if (sops.length === 0) throw error;
    const each = await Promise.all(
      sops.map((sop) => request(`${series}/instances/${encodeURIComponent(sop)}/metadata`)),
    );
    return each.flat();
  }
}
