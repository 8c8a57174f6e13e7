// The viewer proper (the lazy chunk with Cornerstone3D) for one study's session: series
// panel, toolbar, a grid of stack views or an MPR view. What it shows comes from the session
// (session/viewerSession.ts); what the user does goes to the active view's viewport as the
// functions of lib/cornerstone/viewportCommands.ts.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { presetsFor } from '../../domain/viewer/windowPresets';
import { clearMeasurements } from '../../lib/cornerstone/renderingEngine';
import { stackViewportOf } from '../../lib/cornerstone/stackViewport';
import {
  applyWindow,
  goTo,
  resetView,
  rotateClockwise,
  scrollBy,
  setCine,
  toggleFlipHorizontal,
  toggleFlipVertical,
  toggleInvert,
  type StackViewport,
} from '../../lib/cornerstone/viewportCommands';
import { setPrimaryTool, type PrimaryTool } from '../../lib/cornerstone/viewerTools';
import { KeyImagesEntry } from './components/KeyImagesEntry';
import { KeyImagesNotice } from './components/KeyImagesNotice';
import { MprView } from './components/MprView';
import { SeriesPanel } from './components/SeriesPanel';
import { ShortcutHelp } from './components/ShortcutHelp';
import { StackPane } from './components/StackPane';
import { StudyNotices } from './components/StudyNotices';
import type { ViewAction } from './components/toolbarChoices';
import { ViewerHeaderBar } from './components/ViewerHeaderBar';
import { ViewerToolbar } from './components/ViewerToolbar';
import { useBackgroundPrefetch } from './hooks/useBackgroundPrefetch';
import { KEY_IMAGES_ID, useKeyImages } from './hooks/useKeyImages';
import { useRenderingEngine } from './hooks/useRenderingEngine';
import { useSeriesContents } from './hooks/useSeriesContents';
import { useViewerHotkeys } from './hooks/useViewerHotkeys';
import { useViewLayout } from './hooks/useViewLayout';
import type { ViewerCommand } from './keyBindings';
import { FirstImagePreview } from './preview/FirstImagePreview';
import type { SeriesState } from './session/seriesState';
import { useSessionValue } from './session/useViewerSession';
import type { ViewerSession } from './session/viewerSession';
import styles from './viewer.module.css';

const DEFAULT_FPS = 15;

/** The e2e specs and the test hook know the views by these ids. */
const stackViewportId = (index: number) => `drim-stack-${index}`;

export default function ViewerWorkspace({ session }: { session: ViewerSession }) {
  const { t } = useTranslation();
  const { study, firstSeriesUID } = session;
  const contents = useSeriesContents(session);
  const preview = useSessionValue(session, (s) => s.preview);
  const firstImageShown = useSessionValue(session, (s) => s.firstImageShown);
  const { engine, failed: startFailed } = useRenderingEngine(
    session,
    contents.get(firstSeriesUID)?.state !== 'loading',
  );
  useBackgroundPrefetch(session, engine !== null);
  // Nothing else competes with the first image for the decoder: background decoding and
  // locally decoded thumbnails start once it is on screen — or once its view has said it
  // cannot show it, and the rest of the study is all there is to see.
  const onFirstViewSettled = useCallback(() => session.firstImageSettled(), [session]);

  const keyImages = useKeyImages(session, contents, t('viewer.keyImages.title'));
  // A view asked to show key images that do not exist shows the main series instead.
  const shownIn = (uid: string | null): string | null =>
    uid === KEY_IMAGES_ID && (keyImages.kind === 'none' || keyImages.kind === 'unavailable')
      ? firstSeriesUID
      : uid;
  const contentOf = (uid: string | null): SeriesState | undefined =>
    uid === KEY_IMAGES_ID
      ? keyImages.kind === 'ready'
        ? keyImages.content
        : { state: 'loading' }
      : uid
        ? contents.get(uid)
        : undefined;

  const views = useViewLayout(study.keyImagesOnly ? KEY_IMAGES_ID : firstSeriesUID, contents);
  const { layout, slots, assigned, active } = views;
  const [tool, setTool] = useState<PrimaryTool>('windowLevel');
  const [mpr, setMpr] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [cinePlaying, setCinePlaying] = useState(false);
  // The user's speed for the series in the active view, else the series' own rate.
  const [fpsChoice, setFpsChoice] = useState<{ uid: string | null; fps: number } | null>(null);

  const activeUID = shownIn(assigned[active] ?? null);
  const activeState = contentOf(activeUID);
  const activeSeries = activeState?.state === 'ready' ? activeState.series : null;
  const presets = presetsFor(activeSeries?.facts.modality ?? '');
  const canCine = (activeSeries?.imageIds.length ?? 0) > 1;
  const canMpr =
    activeSeries !== null &&
    activeUID !== KEY_IMAGES_ID &&
    ['CT', 'MR'].includes(activeSeries.facts.modality) &&
    !activeSeries.facts.isMultiFrame &&
    activeSeries.frames.length >= 3 &&
    activeSeries.frames.every((f) => f.imagePositionPatient && f.imageOrientationPatient);

  useEffect(() => {
    if (engine) setPrimaryTool(tool);
  }, [engine, tool]);

  /** Runs a command on the active stack view's viewport, if it has one (not in MPR). */
  const onActive = useCallback(
    (run: (vp: StackViewport) => void) => {
      const vp = engine && stackViewportOf(engine, stackViewportId(active));
      if (vp) run(vp);
    },
    [engine, active],
  );

  const fps =
    fpsChoice && fpsChoice.uid === activeUID
      ? fpsChoice.fps
      : Math.round(activeSeries?.facts.cineFps ?? DEFAULT_FPS);
  useEffect(() => {
    onActive((vp) => setCine(vp, cinePlaying, fps));
  }, [cinePlaying, fps, onActive]);
  const activate = (i: number) => {
    if (i === active) return;
    onActive((vp) => setCine(vp, false, fps));
    setCinePlaying(false);
    views.setActive(i);
  };
  const show = (uid: string) => {
    setMpr(false);
    views.show(uid);
  };

  // The toolbar's one-shot buttons and their keys run the same functions.
  const viewActions: Readonly<Record<ViewAction, () => void>> = {
    invert: () => onActive(toggleInvert),
    rotate: () => onActive(rotateClockwise),
    flipH: () => onActive(toggleFlipHorizontal),
    flipV: () => onActive(toggleFlipVertical),
    reset: () => onActive(resetView),
    clearMeasurements: () => {
      if (engine) clearMeasurements(engine);
    },
  };

  /** Says whether the command applied here, so that the browser keeps the key otherwise. */
  const runCommand = (command: ViewerCommand): boolean => {
    switch (command.kind) {
      case 'scroll':
        onActive((vp) => scrollBy(vp, command.by));
        return true;
      case 'goTo':
        onActive((vp) => goTo(vp, command.to));
        return true;
      case 'preset':
        onActive((vp) => applyWindow(vp, command.preset));
        return true;
      case 'view':
        viewActions[command.action]();
        return true;
      case 'help':
        setHelpOpen(true);
        return true;
      case 'cine':
        if (!canCine) return false;
        setCinePlaying((v) => !v);
        return true;
      case 'tool':
        if (mpr) return false;
        setTool(command.tool);
        return true;
    }
  };
  useViewerHotkeys({ enabled: !helpOpen, presets, run: runCommand });

  const title = activeSeries?.facts.studyDescription || t('viewer.title');

  return (
    <div className={styles.workspace} data-testid="viewer">
      <ViewerHeaderBar>
        <h1 className={styles.studyTitle}>
          <span data-testid="viewer-patient">{activeSeries?.facts.patientName}</span>{' '}
          <span className={styles.muted}>{title}</span>
        </h1>
      </ViewerHeaderBar>
      <KeyImagesNotice asked={study.keyImagesOnly === true} state={keyImages} />
      <StudyNotices study={study} />
      <ViewerToolbar
        tool={tool}
        onTool={setTool}
        presets={presets}
        onPreset={(preset) => onActive((vp) => applyWindow(vp, preset))}
        actions={viewActions}
        cinePlaying={cinePlaying}
        onCine={() => setCinePlaying((v) => !v)}
        fps={fps}
        onFps={(value) => setFpsChoice({ uid: activeUID, fps: value })}
        canCine={canCine && !mpr}
        layout={layout}
        onLayout={views.changeLayout}
        mpr={mpr}
        canMpr={canMpr}
        onMpr={() => {
          setCinePlaying(false);
          setMpr((v) => !v);
        }}
        onHelp={() => setHelpOpen(true)}
      />
      <div className={styles.body}>
        <SeriesPanel
          session={session}
          contents={contents}
          showThumbnails={firstImageShown}
          shownInActive={activeUID}
          onShow={show}
          keyImages={
            <KeyImagesEntry
              state={keyImages}
              pressed={activeUID === KEY_IMAGES_ID}
              onShow={() => show(KEY_IMAGES_ID)}
            />
          }
        />
        <div className={styles.views}>
          {startFailed && (
            <p role="alert" className={styles.paneError}>
              {t('viewer.error.webgl')}
            </p>
          )}
          {!engine && !startFailed && !mpr && layout === '1x1' && preview && (
            <FirstImagePreview bitmap={preview} />
          )}
          {engine && mpr && activeSeries && <MprView engine={engine} series={activeSeries} />}
          {engine && !mpr && (
            <div className={styles.grid} data-layout={layout}>
              {Array.from({ length: slots }, (_, i) => {
                const uid = shownIn(assigned[i] ?? null);
                return (
                  <StackPane
                    key={i}
                    engine={engine}
                    viewportId={stackViewportId(i)}
                    index={i}
                    content={uid ? (contentOf(uid) ?? { state: 'loading' }) : null}
                    active={i === active}
                    onActivate={() => activate(i)}
                    onRendered={onFirstViewSettled}
                    onFailed={onFirstViewSettled}
                    preview={i === 0 && uid === firstSeriesUID ? preview : null}
                  />
                );
              })}
            </div>
          )}
        </div>
      </div>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
