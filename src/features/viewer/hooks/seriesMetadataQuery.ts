// One query per series' raw metadata, shared by the route (which starts it while the viewer
// code is still downloading) and the viewer (which hands it to Cornerstone).
import type { PublicSource } from '../../../domain/publicConfig';
import { markViewerPhase } from '../../../lib/viewerTimeline';
import { fetchSeriesMetadata } from '../api/fetchSeriesMetadata';

export function seriesMetadataQuery(
  source: PublicSource,
  studyInstanceUID: string,
  seriesInstanceUID: string,
  accessToken: string,
) {
  return {
    queryKey: ['viewer', 'metadata', source.id, studyInstanceUID, seriesInstanceUID] as const,
    queryFn: async ({ signal }: { signal: AbortSignal }) => {
      const metadata = await fetchSeriesMetadata({
        source,
        studyInstanceUID,
        seriesInstanceUID,
        accessToken,
        signal,
      });
      markViewerPhase('metadata');
      return metadata;
    },
    staleTime: Infinity,
  };
}
