// A prior beside the current study: opened from its sealed key exactly as the route opens
// the current one (hooks/useOpenStudy.ts), then given its own session (a second
// ViewerSession: its metadata, first-image preview and background loading). Nothing of it
// is asked before compare mode names it — the panel proposes a prior without fetching it.
import { useMemo } from 'react';
import { seriesToShowFirst } from '../../../domain/viewer/firstSeries';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import type { PublicSource } from '../../../domain/publicConfig';
import { OpenStudyError, type OpenedStudy, type OpenStudyFailure } from '../api/openStudy';
import { useOpenStudy } from '../hooks/useOpenStudy';
import { useViewerSession } from '../session/useViewerSession';
import type { ViewerSession } from '../session/viewerSession';

export type PriorState =
  | { kind: 'none' }
  | { kind: 'opening' }
  /** Its key, its source or its consent failed it: said in its pane, in French. */
  | { kind: 'failed'; failure: OpenStudyFailure }
  /** Opened, but nothing in it to show beside images (reports only, or a choice of patients). */
  | { kind: 'noImage'; study: OpenedStudy }
  | { kind: 'open'; study: OpenedStudy; session: ViewerSession };

const GATEWAY_FAILURE: OpenStudyFailure = { kind: 'sourcesDown', reason: 'gatewayError' };

export function usePriorSession(
  key: string | null,
  options: { signedIn: boolean; sources: readonly PublicSource[]; self?: PatientIdentifier },
): PriorState {
  const opened = useOpenStudy(
    key ?? '',
    options.signedIn && key !== null,
    options.sources,
    options.self,
  );
  const study = key !== null ? opened.data : undefined;
  // A prior whose studies name several people is not one to compare: no choice is offered
  // here, the professional opens it from the list if they mean it.
  const first = study && !study.choice ? seriesToShowFirst(study.series) : null;
  const session = useViewerSession(
    study && first && options.signedIn ? { study, firstSeriesUID: first.seriesInstanceUID } : null,
  );
  const failed = key !== null && opened.isError;
  const error = opened.error;
  // One object per state, so what is computed from it is not recomputed at every render.
  return useMemo((): PriorState => {
    if (key === null) return { kind: 'none' };
    if (failed) {
      return {
        kind: 'failed',
        failure: error instanceof OpenStudyError ? error.failure : GATEWAY_FAILURE,
      };
    }
    if (!study) return { kind: 'opening' };
    if (!session) return { kind: 'noImage', study };
    return { kind: 'open', study, session };
  }, [key, failed, error, study, session]);
}
