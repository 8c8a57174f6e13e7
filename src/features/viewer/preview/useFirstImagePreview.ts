// The first image's preview for the route (while the viewer's code loads) and for the
// workspace (until Cornerstone has drawn): one fetch, one bitmap, shared through this
// module so the second reader has it on its first render, without a blank frame between.
// It holds patient pixels: closed at the end of the session and when the study is left.
import { useEffect, useMemo, useState } from 'react';
import { skipToken, useQuery } from '@tanstack/react-query';
import { firstImagePreview } from '../../../domain/viewer/firstImagePreview';
import { readSeries } from '../../../domain/viewer/seriesInstances';
import { onLogout } from '../../../lib/auth/onLogout';
import type { OpenedStudy } from '../api/openStudy';
import { seriesMetadataQuery } from '../hooks/seriesMetadataQuery';
import { fetchPreview } from './fetchPreview';

interface Entry {
  key: string;
  bitmap: Promise<ImageBitmap | null>;
  /** Set once the answer is in (null: no preview), for synchronous readers. */
  settled?: { bitmap: ImageBitmap | null };
}

let current: Entry | null = null;

/** Closes the bitmap held for the last study opened. */
export function forgetPreview(): void {
  const entry = current;
  current = null;
  void entry?.bitmap.then((b) => b?.close());
}

onLogout(forgetPreview);

function previewEntry(key: string, load: () => Promise<ImageBitmap>): Entry {
  if (current?.key === key) return current;
  forgetPreview();
  const entry: Entry = {
    key,
    bitmap: load().then(
      (b) => {
        if (current !== entry) {
          b.close();
          return null;
        }
        entry.settled = { bitmap: b };
        return b;
      },
      // A preview that cannot be had is no error: the viewer draws the image a moment later.
      () => {
        entry.settled = { bitmap: null };
        return null;
      },
    ),
  };
  current = entry;
  return entry;
}

export interface FirstImagePreviewState {
  bitmap: ImageBitmap | null;
  /** Drawn, or known not to come: the viewer's code may run now. */
  settled: boolean;
  /** The first series' metadata has come (or failed, or is not asked for). */
  metadataIn: boolean;
}

export function useFirstImagePreview(
  study: OpenedStudy | undefined,
  firstSeriesUID: string | null,
  accessToken: string | null,
): FirstImagePreviewState {
  const wanted = study && firstSeriesUID && accessToken && !study.keyImagesOnly ? study : null;
  const query =
    wanted && firstSeriesUID && accessToken
      ? seriesMetadataQuery(wanted, firstSeriesUID, accessToken)
      : null;
  const metadata = useQuery({
    queryKey: query?.queryKey ?? ['viewer', 'metadata', 'none'],
    queryFn: query?.queryFn ?? skipToken,
    staleTime: Infinity,
  });
  const raw = query ? metadata.data?.instances : undefined;
  const request = useMemo(() => {
    if (!raw) return null;
    const content = readSeries(raw);
    return content ? firstImagePreview(raw, content) : null;
  }, [raw]);
  const key =
    wanted && firstSeriesUID && request
      ? [wanted.source.id, wanted.studyInstanceUID, firstSeriesUID]
          .concat([request.sopInstanceUID, String(request.frame), request.query])
          .join('|')
      : null;

  const [, setArrived] = useState(0);
  useEffect(() => {
    if (!key || !wanted || !firstSeriesUID || !request || !accessToken) return;
    const address = {
      sourceId: wanted.source.id,
      studyInstanceUID: wanted.studyInstanceUID,
      seriesInstanceUID: firstSeriesUID,
    };
    const entry = previewEntry(key, () => fetchPreview(address, request, accessToken));
    if (entry.settled) return;
    let live = true;
    void entry.bitmap.then(() => {
      if (live) setArrived((n) => n + 1);
    });
    return () => {
      live = false;
    };
    // The address and request are what the key says; the token is read once, when asked.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const metadataIn = query === null || metadata.isSuccess || metadata.isError;
  const entry = key && current?.key === key ? current : null;
  if (entry) {
    return {
      bitmap: entry.settled?.bitmap ?? null,
      settled: entry.settled !== undefined,
      metadataIn,
    };
  }
  const noPreview =
    (study !== undefined && (!firstSeriesUID || study.keyImagesOnly === true)) ||
    metadata.isError ||
    (raw !== undefined && request === null);
  return { bitmap: null, settled: noPreview, metadataIn };
}
