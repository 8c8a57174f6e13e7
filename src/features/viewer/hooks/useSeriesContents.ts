// Every image series of the study, read and handed to Cornerstone: the first one at once,
// the others only once the first is in, so they never compete with the first image.
import { useQueries, useQueryClient } from '@tanstack/react-query';
import type { SeriesSummary } from '../../../domain/viewer/firstSeries';
import { declinedKind, type DeclinedKind } from '../../../domain/viewer/declinedObjects';
import { backgroundLoadOrder } from '../../../domain/viewer/firstSeries';
import { readSeries, type SeriesContent } from '../../../domain/viewer/seriesInstances';
import { frameImageId } from '../../../lib/cornerstone/frameImageId';
import { loadFirstImageEarly } from '../../../lib/cornerstone/firstImage';
import { registerSeries } from '../../../lib/cornerstone/registerSeries';
import { markViewerPhase } from '../../../lib/viewerTimeline';
import type { OpenedStudy } from '../api/openStudy';
import { seriesMetadataQuery } from './seriesMetadataQuery';

export interface LoadedSeries extends SeriesContent {
  summary: SeriesSummary;
  imageIds: string[];
}

export type SeriesState =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'empty' }
  | { state: 'ready'; series: LoadedSeries }
  /** Every image of it names another patient than the study was opened for. */
  | { state: 'otherPatient' }
  /** A segmentation or a dose grid: its viewport says what it is instead of drawing it. */
  | { state: 'declined'; kind: DeclinedKind };

export function useSeriesContents(
  study: OpenedStudy,
  firstSeriesUID: string,
  accessToken: string,
): Map<string, SeriesState> {
  const queryClient = useQueryClient();
  const first = study.series.find((s) => s.seriesInstanceUID === firstSeriesUID) ?? null;
  const ordered =
    first && !declinedKind(first.modality)
      ? [first, ...backgroundLoadOrder(study.series, first)]
      : [];
  const origin = window.location.origin;
  // Whom the images are held to is part of the answer: one series UID read for another
  // patient (a collision) is another series.
  const patientKey = JSON.stringify(study.patient ?? []);
  const keyOf = (uid: string) =>
    ['viewer', 'series', study.source.id, study.studyInstanceUID, uid, patientKey] as const;
  // Read from the cache: this hook re-renders when the first query settles (it observes it).
  // Settled either way: a first series that cannot be read must not keep the others shut.
  const firstStatus = first
    ? queryClient.getQueryState(keyOf(first.seriesInstanceUID))?.status
    : undefined;
  const firstSettled = firstStatus === 'success' || firstStatus === 'error';

  const results = useQueries({
    queries: ordered.map((summary, index) => ({
      queryKey: keyOf(summary.seriesInstanceUID),
      queryFn: async ({
        signal,
      }: {
        signal: AbortSignal;
      }): Promise<LoadedSeries | null | 'otherPatient'> => {
        const { instances: raw, setAside } = await queryClient.fetchQuery(
          seriesMetadataQuery(study, summary.seriesInstanceUID, accessToken),
        );
        if (raw.length === 0 && setAside > 0) return 'otherPatient';
        const address = {
          sourceId: study.source.id,
          studyInstanceUID: study.studyInstanceUID,
          seriesInstanceUID: summary.seriesInstanceUID,
        };
        await registerSeries(address, raw, { origin, accessToken, signal });
        markViewerPhase('registered');
        const content = readSeries(raw);
        if (!content) return null;
        const imageIds = content.frames.map((f) =>
          frameImageId({ ...address, sopInstanceUID: f.sopInstanceUID, frame: f.frame }, origin),
        );
        // Views open on a series' first image (StackPane), or on the key images.
        if (index === 0 && !study.keyImagesOnly && imageIds[0]) loadFirstImageEarly(imageIds[0]);
        return { ...content, summary, imageIds };
      },
      staleTime: Infinity,
      retry: 1,
      // The first series alone until it is in (or has failed); then the rest, in the background.
      enabled: index === 0 || firstSettled,
    })),
  });

  const out = new Map<string, SeriesState>();
  ordered.forEach((summary, i) => {
    const r = results[i];
    let state: SeriesState;
    if (!r || r.isPending) state = { state: 'loading' };
    else if (r.isError) state = { state: 'failed', error: r.error };
    else if (r.data === null) state = { state: 'empty' };
    else if (r.data === 'otherPatient') state = { state: 'otherPatient' };
    else state = { state: 'ready', series: r.data };
    out.set(summary.seriesInstanceUID, state);
  });
  // Last, so the background loading (which goes in this map's order) never waits on them.
  for (const s of study.series) {
    const kind = declinedKind(s.modality);
    if (kind) out.set(s.seriesInstanceUID, { state: 'declined', kind });
  }
  return out;
}
