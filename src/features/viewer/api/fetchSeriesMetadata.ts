import type { PublicSource } from '../../../domain/publicConfig';
import { fetchDicomJson, sourcePath, type DicomJsonDataset } from '../../../lib/dicomweb';

/** A large series' metadata is big (≈1.6 kB per slice): give it more than a search. */
const MIN_TIMEOUT_MS = 30_000;

export function fetchSeriesMetadata(options: {
  source: PublicSource;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  accessToken: string;
  signal?: AbortSignal;
}): Promise<DicomJsonDataset[]> {
  return fetchDicomJson({
    path: sourcePath(
      options.source.id,
      `studies/${options.studyInstanceUID}/series/${options.seriesInstanceUID}/metadata`,
    ),
    accessToken: options.accessToken,
    timeoutMs: Math.max(MIN_TIMEOUT_MS, options.source.timeoutMs),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
