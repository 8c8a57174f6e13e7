// The /study/:key route. This chunk is small on purpose: it unseals the key, lists the
// study's series and fetches the first series' metadata while the chunk with Cornerstone3D
// (≈1 MB gzipped) downloads in parallel, then shows the source's rendering of the first
// image as a preview, and only then runs Cornerstone's code (about a second of the page's
// only thread here): the first image waits neither for that code nor for WebGL.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import type { PublicSource } from '../../domain/publicConfig';
import { seriesToShowFirst } from '../../domain/viewer/firstSeries';
import { reportTimingFor } from '../../domain/viewer/reportTiming';
import { studyContents } from '../../domain/viewer/studyContents';
import { useAuth } from '../../lib/auth/useAuth';
import { OpenStudyError } from './api/openStudy';
import { PatientChooser } from './components/PatientChooser';
import { seriesMetadataQuery } from './hooks/seriesMetadataQuery';
import { useOpenStudy } from './hooks/useOpenStudy';
import { forgetPreview, useFirstImagePreview } from './preview/useFirstImagePreview';
import { ViewerSkeleton } from './preview/ViewerSkeleton';
import { ViewerFrame } from './ViewerFrame';
import { preloadViewerChunks } from './viewerChunks';
import styles from './viewer.module.css';

let workspaceChunk: Promise<typeof import('./ViewerWorkspace')> | null = null;
const loadWorkspace = () => (workspaceChunk ??= import('./ViewerWorkspace'));
const ViewerWorkspace = lazy(loadWorkspace);
const ReportOnlyStudy = lazy(() => import('./reports/ReportOnlyStudy'));

/** A source slow to answer does not hold the viewer's code back longer than this. */
const PREVIEW_WAIT_MS = 3000;

export default function ViewerRoute({ sources }: { sources: readonly PublicSource[] }) {
  const { t } = useTranslation();
  const { key = '' } = useParams();
  const location = useLocation();
  const { status, accessToken, login, principal } = useAuth();
  const queryClient = useQueryClient();
  const self = useMemo(
    () =>
      principal?.role === 'patient' && principal.ins && principal.insOid
        ? { issuer: principal.insOid, id: principal.ins }
        : undefined,
    [principal],
  );
  const study = useOpenStudy(key, accessToken, sources, self);

  // The viewer's code and Cornerstone's start-up (WebGL, decoder workers) run while the
  // key, the series list and the first series' metadata are fetched.
  const tokenRef = useRef(accessToken);
  useEffect(() => {
    tokenRef.current = accessToken;
  }, [accessToken]);
  const first = study.data ? seriesToShowFirst(study.data.series) : null;
  const preview = useFirstImagePreview(study.data, first?.seriesInstanceUID ?? null, accessToken);
  // Once run (a study opened before in this page), the viewer's code has nothing to wait for.
  const [viewerRuns, setViewerRuns] = useState(() => workspaceChunk !== null);
  // Said of one study: another opened in this route starts over.
  const [imagesInFor, setImagesInFor] = useState<string | null>(null);
  const imagesAreIn = useCallback(() => setImagesInFor(key), [key]);
  useEffect(() => {
    preloadViewerChunks();
    const timer = setTimeout(() => setViewerRuns(true), PREVIEW_WAIT_MS);
    return () => {
      clearTimeout(timer);
      // The preview's pixels go with the study.
      forgetPreview();
    };
  }, []);
  useEffect(() => {
    if (!preview.settled) return;
    // After the frame that shows the preview: running the viewer's code holds the thread.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setViewerRuns(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [preview.settled]);
  useEffect(() => {
    if (!viewerRuns) return;
    void loadWorkspace();
    void import('./prepareViewer').then((m) => m.prepareViewer(() => tokenRef.current));
  }, [viewerRuns]);
  useEffect(() => {
    if (!study.data || !first || !accessToken) return;
    void queryClient.prefetchQuery(
      seriesMetadataQuery(study.data, first.seriesInstanceUID, accessToken),
    );
  }, [study.data, first, accessToken, queryClient]);

  if (status === 'restoring') {
    return (
      <p role="status" className={styles.centered}>
        {t('auth.restoring')}
      </p>
    );
  }
  if (status === 'signedOut' || !accessToken) {
    return (
      <div className={styles.centered}>
        <p>{t('viewer.loginNeeded')}</p>
        <button
          type="button"
          className={styles.button}
          onClick={() => void login(location.pathname)}
        >
          {t('viewer.login')}
        </button>
      </div>
    );
  }
  if (study.isError) {
    const failure = study.error instanceof OpenStudyError ? study.error.failure : null;
    const message = !failure
      ? t('viewer.error.sourcesDown', { reason: t('sources.reason.gatewayError') })
      : failure.kind === 'sourcesDown'
        ? t('viewer.error.sourcesDown', { reason: t(`sources.reason.${failure.reason}`) })
        : t(`viewer.error.${failure.kind}`);
    return (
      <div className={styles.centered}>
        <p role="alert" data-testid="viewer-error">
          {message}
        </p>
        <p>
          {failure?.kind === 'sourcesDown' && (
            <button type="button" className={styles.button} onClick={() => void study.refetch()}>
              {t('viewer.error.retry')}
            </button>
          )}{' '}
          <Link to="/">{t('viewer.back')}</Link>
        </p>
      </div>
    );
  }
  if (!study.data) {
    return (
      <p role="status" className={styles.centered}>
        {t('viewer.opening')}
      </p>
    );
  }
  if (study.data.choice) return <PatientChooser study={study.data} />;
  // Only the reports among the series kept for the patient (seriesByPatient.ts).
  const seriesUIDs = study.data.series.map((s) => s.seriesInstanceUID);
  if (!first && studyContents(study.data.series).kind === 'reportsOnly') {
    return (
      <Suspense
        fallback={
          <p role="status" className={styles.centered}>
            {t('viewer.opening')}
          </p>
        }
      >
        <ReportOnlyStudy
          sourceId={study.data.source.id}
          studyInstanceUID={study.data.studyInstanceUID}
          accessToken={accessToken}
          seriesUIDs={seriesUIDs}
          patient={study.data.patient}
        />
      </Suspense>
    );
  }
  if (!first) {
    return (
      <div className={styles.centered}>
        <p role="alert" data-testid="viewer-error">
          {t('viewer.error.noImage')}
        </p>
        <Link to="/">{t('viewer.back')}</Link>
      </div>
    );
  }
  // One frame element for both states, so its report column is not mounted twice.
  return (
    <ViewerFrame
      key={key}
      sourceId={study.data.source.id}
      studyInstanceUID={study.data.studyInstanceUID}
      accessToken={accessToken}
      seriesUIDs={seriesUIDs}
      patient={study.data.patient}
      reportTiming={reportTimingFor(principal)}
      reportStarts={preview.metadataIn}
      imagesIn={imagesInFor === key}
    >
      {viewerRuns ? (
        <Suspense fallback={<ViewerSkeleton preview={preview.bitmap} />}>
          <ViewerWorkspace
            study={study.data}
            firstSeriesUID={first.seriesInstanceUID}
            onImagesIn={imagesAreIn}
          />
        </Suspense>
      ) : (
        <ViewerSkeleton preview={preview.bitmap} />
      )}
    </ViewerFrame>
  );
}
