// The study's series as views show them, read from its session. A view of the study being
// mounted is what starts their loading: a study nobody shows (a prior only proposed) loads
// no pixels.
import { useEffect } from 'react';
import type { SeriesState } from '../session/seriesState';
import { useSessionValue } from '../session/useViewerSession';
import type { ViewerSession } from '../session/viewerSession';

const NOTHING: ReadonlyMap<string, SeriesState> = new Map();

export function useSeriesContents(session: ViewerSession | null): ReadonlyMap<string, SeriesState> {
  useEffect(() => session?.showImages(), [session]);
  return useSessionValue(session, (s) => s.contents, NOTHING);
}
