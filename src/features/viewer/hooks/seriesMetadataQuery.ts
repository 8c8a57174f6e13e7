// One query per series' raw metadata, shared by the route (which starts it while the viewer
// code is still downloading) and the viewer (which hands it to Cornerstone).
import type { PublicSource } from '../../../domain/publicConfig';
import { fetchSeriesMetadata } from '../api/fetchSeriesMetadata';

export function seriesMetadataQuery(
  source: PublicSource,
  studyInstanceUID: string,
  seriesInstanceUID: string,
  accessToken: string,
) {
  return {
    queryKey: ['viewer', 'metadata', source.id, studyInstanceUID, seriesInstanceUID] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      fetchSeriesMetadata({ source, studyInstanceUID, seriesInstanceUID, accessToken, signal }),
    staleTime: Infinity,
  };
}
