import { str, type DicomDataset } from '../../../domain/dicom/dicomJson';
import type { PublicSource } from '../../../domain/publicConfig';
import { lostNumberTags, mendSeparators } from '../../../domain/viewer/misreadSeparators';
import { gateway } from '../../../lib/api/gatewayClient';
import { GatewayError } from '../../../lib/api/gatewayError';
import { sourcePath } from '../../../lib/api/sourcePath';
import { fetchInstanceFileText } from '../../../lib/instanceFileText';

/** A large series' metadata is big (≈1.6 kB per slice): give it more than a search. */
const MIN_TIMEOUT_MS = 30_000;

const SOP_INSTANCE_UID = '00080018';
/** Instance files read at once when a series' metadata lost numbers (one per slice). */
const FILE_READS_AT_ONCE = 4;

function isNotFound(error: unknown): boolean {
  return error instanceof GatewayError && error.status === 404;
}

interface SeriesRequest {
  source: PublicSource;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  signal?: AbortSignal;
}

/**
 * The metadata with the separators the source misread mended (misreadSeparators.ts): from
 * the metadata alone when it can be, from each instance's file only for the instances whose
 * numbers (spacing, position, window…) were lost. A file that cannot be read leaves its
 * instance as the source described it: the image still shows, with less geometry.
 */
async function mendedMetadata(
  metadata: DicomDataset[],
  options: SeriesRequest,
  timeoutMs: number,
): Promise<DicomDataset[]> {
  const out = metadata.map((ds) => mendSeparators(ds));
  const pending = out
    .map((ds, index) => ({ index, sop: str(ds, SOP_INSTANCE_UID), lost: lostNumberTags(ds) }))
    .filter((p) => p.sop !== '' && p.lost.length > 0);
  const series = `studies/${options.studyInstanceUID}/series/${options.seriesInstanceUID}`;
  const worker = async () => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      const ds = out[next.index];
      if (!ds) continue;
      try {
        const fromFile = await fetchInstanceFileText({
          path: sourcePath(
            options.source.id,
            `${series}/instances/${encodeURIComponent(next.sop)}`,
          ),
          tags: next.lost,
          timeoutMs,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        out[next.index] = mendSeparators(ds, fromFile);
      } catch (error) {
        if (options.signal?.aborted) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILE_READS_AT_ONCE, pending.length) }, worker));
  return out;
}

export async function fetchSeriesMetadata(options: SeriesRequest): Promise<DicomDataset[]> {
  const timeoutMs = Math.max(MIN_TIMEOUT_MS, options.source.timeoutMs);
  return mendedMetadata(await rawSeriesMetadata(options, timeoutMs), options, timeoutMs);
}

async function rawSeriesMetadata(
  options: SeriesRequest,
  timeoutMs: number,
): Promise<DicomDataset[]> {
  const series = `studies/${options.studyInstanceUID}/series/${options.seriesInstanceUID}`;
  const request = (rest: string) =>
    gateway.dicomJson(sourcePath(options.source.id, rest), {
      timeoutMs,
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
