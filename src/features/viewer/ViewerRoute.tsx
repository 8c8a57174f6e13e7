// The /study/:key route. This chunk is small on purpose: it unseals the key, lists the
// study's series and opens the study's session (session/viewerSession.ts), which fetches the
// first series' metadata while the chunk with Cornerstone3D (≈1 MB gzipped) downloads in
// parallel, then shows the source's rendering of the first image as a preview; only then
// does it run Cornerstone's code (about a second of the page's only thread here): the first
// image waits neither for that code nor for WebGL.
import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import type { PublicSource } from '../../domain/publicConfig';
import { seriesToShowFirst } from '../../domain/viewer/firstSeries';
import { reportTimingFor } from '../../domain/viewer/reportTiming';
import { studyContents } from '../../domain/viewer/studyContents';
import { useAuth } from '../../lib/auth/useAuth';
import { endLaunchPreview } from '../../lib/launchPreview/launchPreview';
import { markViewerPhase } from '../../lib/viewerTimeline';
import type { RenderSourceAction } from '../../lib/federation/sourceAction';
import { OpenStudyError } from './api/openStudy';
import { PatientChooser } from './components/PatientChooser';
import { useOpenStudy } from './hooks/useOpenStudy';
import { ViewerSkeleton } from './preview/ViewerSkeleton';
import { imagingChunkAsked } from './session/imagingChunk';
import { useSessionValue, useViewerSession } from './session/useViewerSession';
import { ViewerFrame } from './ViewerFrame';
import { preloadViewerChunks } from './viewerChunks';
import styles from './viewer.module.css';

let workspaceChunk: Promise<typeof import('./ViewerWorkspace')> | null = null;
const loadWorkspace = () => (workspaceChunk ??= import('./ViewerWorkspace'));
const ViewerWorkspace = lazy(loadWorkspace);
const ReportOnlyStudy = lazy(() => import('./reports/ReportOnlyStudy'));

/** A source slow to answer does not hold the viewer's code back longer than this. */
const PREVIEW_WAIT_MS = 3000;

export default function ViewerRoute({
  sources,
  renderSourceAction,
}: {
  sources: readonly PublicSource[];
  /**
   * The consent feature's action beside a consent-gated source's state (« Recherche
   * étendue »), injected by src/app for the priors panel.
   */
  renderSourceAction?: RenderSourceAction | undefined;
}) {
  markViewerPhase('route');
  const { t } = useTranslation();
  const { key = '' } = useParams();
  const location = useLocation();
  const { status, login, principal } = useAuth();
  const signedIn = status === 'signedIn';
  const self = useMemo(
    () =>
      principal?.role === 'patient' && principal.ins && principal.insOid
        ? { issuer: principal.insOid, id: principal.ins }
        : undefined,
    [principal],
  );
  const study = useOpenStudy(key, signedIn, sources, self);
  const first = study.data ? seriesToShowFirst(study.data.series) : null;
  // One session per opened study: a study with images to show, its patient chosen, for a
  // signed-in user (an ended session takes its study's session with it).
  const session = useViewerSession(
    signedIn && study.data && first && !study.data.choice
      ? { study: study.data, firstSeriesUID: first.seriesInstanceUID }
      : null,
  );
  const preview = useSessionValue(session, (s) => s.preview, null);
  // Without a session (a study of reports only, or none), no preview is to be waited for.
  const previewSettled = useSessionValue(session, (s) => s.previewSettled, study.isSuccess);
  const metadataIn = useSessionValue(session, (s) => s.metadataIn, true);
  const imagesIn = useSessionValue(session, (s) => s.imagesIn, false);

  // A launch may have drawn the first image already (lib/launchPreview): it stays while this
  // route waits for that image, and gives way to whatever else the route has to say.
  const waitsForImage =
    status === 'restoring' ||
    (signedIn &&
      !study.isError &&
      (!study.data || (!study.data.choice && first !== null && !previewSettled)));
  useLayoutEffect(() => {
    if (!waitsForImage) endLaunchPreview();
  }, [waitsForImage]);
  useLayoutEffect(() => () => endLaunchPreview(), []);

  // Once run (a study opened before in this page, or a launch whose first image the gateway
  // drew: session/imagingChunk.ts), the viewer's code has nothing to wait for.
  const [viewerRuns, setViewerRuns] = useState(
    () => workspaceChunk !== null || imagingChunkAsked(),
  );
  useEffect(() => {
    preloadViewerChunks();
    const timer = setTimeout(() => setViewerRuns(true), PREVIEW_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    if (!previewSettled) return;
    // After the frame that shows the preview: running the viewer's code holds the thread.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setViewerRuns(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [previewSettled]);
  useEffect(() => {
    if (!viewerRuns) return;
    void loadWorkspace();
    // The workspace says so if Cornerstone cannot start.
    session?.startCornerstone().catch(() => undefined);
  }, [viewerRuns, session]);

  if (status === 'restoring') {
    return (
      <main className={styles.centered}>
        <p role="status">{t('auth.restoring')}</p>
      </main>
    );
  }
  if (!signedIn) {
    return (
      <main className={styles.centered}>
        <p>{t('viewer.loginNeeded')}</p>
        <button
          type="button"
          className={styles.button}
          onClick={() => void login(location.pathname)}
        >
          {t('viewer.login')}
        </button>
      </main>
    );
  }
  if (study.isError) {
    const failure = study.error instanceof OpenStudyError ? study.error.failure : null;
    const message = !failure
      ? t('viewer.error.sourcesDown', { reason: t('failure.gatewayError') })
      : failure.kind === 'sourcesDown'
        ? t('viewer.error.sourcesDown', { reason: t(`failure.${failure.reason}`) })
        : t(`viewer.error.${failure.kind}`);
    return (
      <main className={styles.centered}>
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
      </main>
    );
  }
  if (!study.data) {
    return (
      <main className={styles.centered}>
        <p role="status">{t('viewer.opening')}</p>
      </main>
    );
  }
  if (study.data.choice) return <PatientChooser study={study.data} />;
  // Only the reports among the series kept for the patient (seriesByPatient.ts).
  const seriesUIDs = study.data.series.map((s) => s.seriesInstanceUID);
  if (!first && studyContents(study.data.series).kind === 'reportsOnly') {
    return (
      <Suspense
        fallback={
          <main className={styles.centered}>
            <p role="status">{t('viewer.opening')}</p>
          </main>
        }
      >
        <ReportOnlyStudy
          sourceId={study.data.source.id}
          studyInstanceUID={study.data.studyInstanceUID}
          seriesUIDs={seriesUIDs}
          patient={study.data.patient}
        />
      </Suspense>
    );
  }
  if (!first) {
    return (
      <main className={styles.centered}>
        <p role="alert" data-testid="viewer-error">
          {t('viewer.error.noImage')}
        </p>
        <Link to="/">{t('viewer.back')}</Link>
      </main>
    );
  }
  // One frame element for both states, so its report column is not mounted twice.
  return (
    <ViewerFrame
      key={key}
      sourceId={study.data.source.id}
      studyInstanceUID={study.data.studyInstanceUID}
      seriesUIDs={seriesUIDs}
      patient={study.data.patient}
      reportTiming={reportTimingFor(principal)}
      reportStarts={metadataIn}
      imagesIn={imagesIn}
    >
      {viewerRuns && session ? (
        <Suspense fallback={<ViewerSkeleton preview={preview} person={study.data.person} />}>
          <ViewerWorkspace
            session={session}
            studyKey={key}
            sources={sources}
            professional={principal?.role === 'professional'}
            renderSourceAction={renderSourceAction}
          />
        </Suspense>
      ) : (
        <ViewerSkeleton preview={preview} person={study.data.person} />
      )}
    </ViewerFrame>
  );
}
