// The viewer proper (the lazy chunk with Cornerstone3D) for one study's session: series
// panel and the patient's priors, toolbar, a grid of stack views or an MPR view. What it
// shows comes from the session (session/viewerSession.ts); compare mode adds one session per
// prior beside it (compare/useComparison.ts), in the same rendering engine. Which view shows
// what is one plan (compare/panePlan.ts): the user's layout, a hanging protocol's, or a
// comparison's; what the user does goes to the active view's viewport as the functions of
// lib/cornerstone/viewportCommands.ts, and to the views linked with it (compare/syncLinks.ts).
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
  type CSSProperties,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicSource } from '../../domain/publicConfig';
import { presetsFor } from '../../domain/viewer/windowPresets';
import type { RenderSourceAction } from '../../lib/federation/sourceAction';
import { endLaunchPreview } from '../../lib/launchPreview/launchPreview';
import { markViewerPhase } from '../../lib/viewerTimeline';
import { clearMeasurements } from '../../lib/cornerstone/renderingEngine';
import { stackViewportOf } from '../../lib/cornerstone/stackViewport';
import { snapshotViewport } from '../../lib/cornerstone/viewportSnapshot';
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
import { CompareBar } from './compare/CompareBar';
import { ComparedPane } from './compare/ComparedPane';
import { MeasurementsAcrossTime } from './compare/MeasurementsAcrossTime';
import { paneContent } from './compare/paneContent';
import { readDraggedSeries } from './compare/draggedSeries';
import { PriorSeriesList } from './compare/PriorSeriesList';
import { useComparison } from './compare/useComparison';
import { DownloadMenu } from './download/DownloadMenu';
import { useCompareSync } from './compare/useCompareSync';
import { useStudyMeasurements } from './compare/useStudyMeasurements';
import { useNuclearColormap } from './hooks/useNuclearColormap';
import { useWorkspacePlan } from './compare/useWorkspacePlan';
import { KeyImagesEntry } from './components/KeyImagesEntry';
import { KeyImagesNotice } from './components/KeyImagesNotice';
import { MprView } from './components/MprView';
import { FusionView } from './components/FusionView';
import { usePetCtFusion } from './hooks/usePetCtFusion';
import { SeriesPanel } from './components/SeriesPanel';
import { ShortcutHelp } from './components/ShortcutHelp';
import { StackPane } from './components/StackPane';
import { StudyNotices } from './components/StudyNotices';
import { toolsFor, type ViewAction } from './components/toolbarChoices';
import { ViewerHeaderBar } from './components/ViewerHeaderBar';
import { PatientNotice } from './components/PatientNotice';
import { ViewerToolbar } from './components/ViewerToolbar';
import { usePlainStudyTitle } from './hooks/usePlainStudyTitle';
import { useBackgroundPrefetch } from './hooks/useBackgroundPrefetch';
import { KEY_IMAGES_ID, useKeyImages } from './hooks/useKeyImages';
import { useRenderingEngine } from './hooks/useRenderingEngine';
import { useSeriesContents } from './hooks/useSeriesContents';
import { useViewerHotkeys } from './hooks/useViewerHotkeys';
import { useViewLayout } from './hooks/useViewLayout';
import type { ViewerCommand } from './keyBindings';
import { FirstImagePreview } from './preview/FirstImagePreview';
import { PriorsPanel } from './priors/PriorsPanel';
import type { LoadedSeries, SeriesState } from './session/seriesState';
import { useSessionValue } from './session/useViewerSession';
import type { ViewerSession } from './session/viewerSession';
import styles from './viewer.module.css';

const DEFAULT_FPS = 15;

export interface ViewerWorkspaceProps {
  session: ViewerSession;
  /** The route's study key: compare mode's address is built on it. */
  studyKey: string;
  sources: readonly PublicSource[];
  /** Priors and comparison are a professional's: a patient's viewer has neither. */
  professional: boolean;
  /** The consent feature's action beside a source waiting for consent (src/app's). */
  renderSourceAction?: RenderSourceAction | undefined;
}

export default function ViewerWorkspace({
  session,
  studyKey,
  sources,
  professional,
  renderSourceAction,
}: ViewerWorkspaceProps) {
  markViewerPhase('workspace');
  const { t } = useTranslation();
  const { study, firstSeriesUID } = session;
  const audience = professional ? 'professional' : 'patient';
  const contents = useSeriesContents(session);
  const preview = useSessionValue(session, (s) => s.preview);
  const firstImageShown = useSessionValue(session, (s) => s.firstImageShown);
  // The workspace shows its own loading and preview: a launch's early image gives way.
  useLayoutEffect(() => endLaunchPreview(), []);
  const { engine, failed: startFailed } = useRenderingEngine(
    session,
    contents.get(firstSeriesUID)?.state !== 'loading',
  );
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
  const currentContentOf = (uid: string | null): SeriesState | undefined =>
    uid === KEY_IMAGES_ID
      ? keyImages.kind === 'ready'
        ? keyImages.content
        : { state: 'loading' }
      : uid
        ? contents.get(uid)
        : undefined;

  const firstReady = contents.get(firstSeriesUID);
  const studyDate = firstReady?.state === 'ready' ? firstReady.series.facts.studyDate : null;
  const comparison = useComparison({
    session,
    contents,
    studyKey,
    sources,
    professional,
    firstImageShown,
    studyDate,
  });
  const { priors, priorContents, comparing } = comparison;
  const openPriors = priors.filter((p) => p.kind === 'open');
  // Studies compared share the image cache: each loads within its share.
  const sharedBy = 1 + openPriors.length;
  useBackgroundPrefetch(session, engine !== null, sharedBy);
  useBackgroundPrefetch(
    priors[0]?.kind === 'open' ? priors[0].session : null,
    engine !== null,
    sharedBy,
  );
  useBackgroundPrefetch(
    priors[1]?.kind === 'open' ? priors[1].session : null,
    engine !== null,
    sharedBy,
  );

  const views = useViewLayout(study.keyImagesOnly ? KEY_IMAGES_ID : firstSeriesUID, contents);
  const [activeId, setActiveId] = useState('drim-stack-0');
  const [tool, setTool] = useState<PrimaryTool>('windowLevel');
  const [mprAsked, setMpr] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [cinePlaying, setCinePlaying] = useState(false);
  // The user's speed for the series in the active view, else the series' own rate.
  const [fpsChoice, setFpsChoice] = useState<{ uid: string | null; fps: number } | null>(null);

  const planned = useWorkspacePlan({
    study,
    contents,
    comparison,
    layout: views.layout,
    assigned: views.assigned,
    activeId,
    firstSeriesUID,
    currentRegions: comparison.ranked?.current.regions.map((r) => r.code) ?? [],
  });
  const { plan, freeLayout } = planned;
  // Compare mode has no MPR view: the comparison's views take its place.
  const mpr = mprAsked && !comparing;
  const fusion = usePetCtFusion({ study, contents, protocol: planned.protocol, comparing });
  const activeIndex = Math.max(
    0,
    plan.panes.findIndex((p) => p.viewportId === activeId),
  );
  const activePane = plan.panes[activeIndex];
  const activeViewportId = activePane?.viewportId ?? 'drim-stack-0';

  /** What a pane shows: the current study's series (or key images), or a prior's. */
  const stateOfPane = (index: number): SeriesState | undefined => {
    const pane = plan.panes[index];
    if (!pane) return undefined;
    const state =
      pane.study === 0
        ? currentContentOf(shownIn(pane.seriesUID))
        : pane.seriesUID
          ? priorContents[pane.study - 1]?.get(pane.seriesUID)
          : undefined;
    return paneContent(state, pane.image);
  };
  const seriesOfPane = (index: number): LoadedSeries | null => {
    const state = stateOfPane(index);
    // A derived object's view shows the series it lies over: the tools work on that series.
    return state?.state === 'ready' || state?.state === 'overlay' ? state.series : null;
  };

  const activeState = stateOfPane(activeIndex);
  const activeSeries =
    activeState?.state === 'ready' || activeState?.state === 'overlay' ? activeState.series : null;
  const activeUID = activePane?.study === 0 ? shownIn(activePane.seriesUID) : null;
  // The series panel is the current study's: with a prior's view active, its current view.
  const currentPaneIndex =
    activePane && activePane.study !== 0 && activePane.comparedWith !== null
      ? activePane.comparedWith
      : activeIndex;
  const currentPane = plan.panes[currentPaneIndex];
  const presets = presetsFor(
    activeSeries?.facts.modality ?? '',
    activeSeries?.nuclear?.suv?.ok === true,
  );
  const colormap = useNuclearColormap(engine, activeViewportId, activeSeries);
  const canCine = (activeSeries?.imageIds.length ?? 0) > 1;
  const canMpr =
    !comparing &&
    freeLayout &&
    activeSeries !== null &&
    activeUID !== KEY_IMAGES_ID &&
    ['CT', 'MR'].includes(activeSeries.facts.modality) &&
    !activeSeries.facts.isMultiFrame &&
    activeSeries.frames.length >= 3 &&
    activeSeries.frames.every((f) => f.imagePositionPatient && f.imageOrientationPatient);

  const sync = useCompareSync({
    engine,
    plan,
    seriesOfPane,
    comparing,
    modality: seriesOfPane(currentPaneIndex)?.facts.modality ?? '',
    priorIds: comparison.comparedUids,
    currentPaneIndex,
  });

  useEffect(() => {
    if (engine) setPrimaryTool(tool);
  }, [engine, tool]);

  /** Runs a command on the active stack view's viewport, if it has one (not in MPR). */
  const onActive = useCallback(
    (run: (vp: StackViewport) => void) => {
      const vp = engine && stackViewportOf(engine, activeViewportId);
      if (vp) run(vp);
    },
    [engine, activeViewportId],
  );

  const fps =
    fpsChoice && fpsChoice.uid === activeUID
      ? fpsChoice.fps
      : Math.round(activeSeries?.facts.cineFps ?? DEFAULT_FPS);
  useEffect(() => {
    onActive((vp) => setCine(vp, cinePlaying, fps));
  }, [cinePlaying, fps, onActive]);
  const activate = (viewportId: string) => {
    if (viewportId === activeViewportId) return;
    onActive((vp) => setCine(vp, false, fps));
    setCinePlaying(false);
    setActiveId(viewportId);
  };
  /** A current series chosen in the series panel: shown in the active current view. */
  const show = (uid: string) => {
    setMpr(false);
    if (fusion.shown) {
      fusion.keepUsersLayout();
      views.show(0, uid);
      return;
    }
    fusion.keepUsersLayout();
    if (freeLayout) views.show(currentPaneIndex, uid);
    else if (currentPane) planned.override(currentPane.viewportId, uid);
  };

  // The toolbar's one-shot buttons and their keys run the same functions.
  const viewActions: Readonly<Record<ViewAction, () => void>> = {
    invert: () => onActive(toggleInvert),
    rotate: () => onActive(rotateClockwise),
    flipH: () => onActive(toggleFlipHorizontal),
    flipV: () => onActive(toggleFlipVertical),
    // Back to how the view hangs: a protocol's mirrored mammogram stays mirrored.
    reset: () => {
      onActive((vp) =>
        resetView(vp, {
          flipHorizontal: activePane?.flipHorizontal ?? false,
          flipVertical: activePane?.flipVertical ?? false,
        }),
      );
      // A PET or NM goes back to the colour map it opened in, too.
      colormap.reset();
    },
    // Cornerstone keeps measurements globally: every study's go at once.
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
        // A patient's viewer has no measurement tool, by key either.
        if (mpr || !toolsFor(audience).includes(command.tool)) return false;
        setTool(command.tool);
        return true;
    }
  };
  useViewerHotkeys({ enabled: !helpOpen, presets, run: runCommand });

  // Measurements of each study, told apart by the image they were drawn on.
  const studyOfImage = useMemo(() => {
    const byImage = new Map<string, number>();
    const add = (study: number, states: ReadonlyMap<string, SeriesState>) => {
      for (const s of states.values()) {
        if (s.state === 'ready') for (const id of s.series.imageIds) byImage.set(id, study);
      }
    };
    add(0, contents);
    priorContents.forEach((c, i) => add(i + 1, c));
    return (imageId: string) => byImage.get(imageId) ?? null;
  }, [contents, priorContents]);
  const measurements = useStudyMeasurements(engine !== null && comparing, studyOfImage);

  // The current study's own words for the header, whichever view is active.
  const currentFacts = (
    seriesOfPane(currentPaneIndex) ?? (firstReady?.state === 'ready' ? firstReady.series : null)
  )?.facts;
  const title = currentFacts?.studyDescription || t('viewer.title');
  const proposed = comparison.proposed;
  const plain = usePlainStudyTitle(study.series, currentFacts ?? null);

  return (
    <div className={styles.workspace} data-testid="viewer" data-comparing={comparing}>
      <ViewerHeaderBar
        // The downloads sit beside the study's title: the toolbar's row is the image's.
        actions={
          <DownloadMenu
            studyKey={studyKey}
            imageAvailable={engine !== null && activeSeries !== null && !mpr && !fusion.shown}
            captureImage={(options) =>
              engine ? snapshotViewport(engine, activeViewportId, options) : Promise.resolve(null)
            }
          />
        }
      >
        {/* The page's heading: focus comes here after each navigation (src/app). */}
        <h1 className={styles.studyTitle} tabIndex={-1}>
          <span data-testid="viewer-patient">{currentFacts?.patientName}</span>{' '}
          {professional ? (
            <span className={styles.muted}>{title}</span>
          ) : (
            <span className={styles.plainTitle} data-testid="plain-study-title">
              {plain.title}
            </span>
          )}
        </h1>
      </ViewerHeaderBar>
      {!professional && <PatientNotice about={plain.about} />}
      <KeyImagesNotice asked={study.keyImagesOnly === true} state={keyImages} />
      <StudyNotices study={study} />
      <ViewerToolbar
        audience={audience}
        tool={tool}
        onTool={setTool}
        presets={presets}
        onPreset={(preset) => onActive((vp) => applyWindow(vp, preset))}
        {...(colormap.value && !mpr && !fusion.shown
          ? { colormap: { value: colormap.value, onChange: colormap.choose } }
          : {})}
        actions={viewActions}
        cinePlaying={cinePlaying}
        onCine={() => setCinePlaying((v) => !v)}
        fps={fps}
        onFps={(value) => setFpsChoice({ uid: activeUID, fps: value })}
        canCine={canCine && !mpr}
        layout={views.layout}
        onLayout={views.changeLayout}
        freeLayout={freeLayout}
        mpr={mpr}
        canMpr={canMpr}
        onMpr={() => {
          setCinePlaying(false);
          setMpr((v) => !v);
        }}
        onHelp={() => setHelpOpen(true)}
        {...(fusion.toggle ? { fusion: { active: fusion.shown, onClick: fusion.toggle } } : {})}
        protocol={planned.protocol}
        {...(professional
          ? {
              compare: {
                available: proposed !== null,
                active: comparing,
                busy: comparison.busy !== null,
                title: comparing
                  ? t('viewer.compare.close')
                  : proposed
                    ? t('viewer.compare.openTitle', {
                        description: proposed.study.description || t('viewer.priors.noDescription'),
                        date: proposed.study.date ?? t('viewer.priors.undated'),
                      })
                    : t('viewer.compare.noPrior'),
                onClick: () => {
                  if (comparing) comparison.close();
                  else if (proposed) comparison.compare(proposed, 'replace');
                },
              },
            }
          : {})}
      />
      {comparing && (
        <CompareBar
          toggles={sync.toggles}
          onToggle={sync.setToggle}
          slices={sync.slices}
          canAlign={sync.canAlign}
          onAlign={sync.align}
          onResetAlignment={sync.resetAlignment}
        />
      )}
      <div className={styles.body}>
        <div className={styles.sideColumn}>
          <SeriesPanel
            session={session}
            contents={contents}
            showThumbnails={firstImageShown}
            shownInActive={currentPane?.study === 0 ? shownIn(currentPane.seriesUID) : null}
            onShow={show}
            keyImages={
              <KeyImagesEntry
                state={keyImages}
                pressed={activeUID === KEY_IMAGES_ID}
                onShow={() => show(KEY_IMAGES_ID)}
              />
            }
          />
          {comparison.ranked && (
            <PriorsPanel
              ranked={comparison.ranked.ranked}
              sources={comparison.ranked.sources}
              settled={comparison.ranked.settled}
              compared={comparison.comparedUids.filter((u): u is string => u !== null)}
              busy={comparison.busy}
              onCompare={(prior, how) => comparison.compare(prior, how)}
              onRemove={comparison.remove}
              patient={study.patient ?? []}
              renderSourceAction={renderSourceAction}
              seriesOf={(uid) => {
                const at = comparison.comparedUids.indexOf(uid);
                const prior = priors[at];
                return prior?.kind === 'open' ? (
                  <PriorSeriesList prior={at + 1} series={prior.study.series} />
                ) : null;
              }}
            />
          )}
          {comparing && (
            <MeasurementsAcrossTime
              measurements={measurements}
              studyDates={[
                studyDate,
                ...priors.map((p) => planned.studyDates[priors.indexOf(p) + 1] ?? null),
              ]}
            />
          )}
        </div>
        <div className={styles.views}>
          {startFailed && (
            <p role="alert" className={styles.paneError}>
              {t('viewer.error.webgl')}
            </p>
          )}
          {!engine && !startFailed && !mpr && plan.panes.length === 1 && preview && (
            <FirstImagePreview bitmap={preview} />
          )}
          {engine && mpr && activeSeries && <MprView engine={engine} series={activeSeries} />}
          {engine && fusion.shown && fusion.pair && (
            <FusionView
              key={`${fusion.pair.ct.summary.seriesInstanceUID}|${fusion.pair.pet.summary.seriesInstanceUID}`}
              engine={engine}
              ct={fusion.pair.ct}
              pet={fusion.pair.pet}
              onSettled={onFirstViewSettled}
            />
          )}
          {engine && !mpr && !fusion.shown && (
            <div
              className={styles.grid}
              data-layout={freeLayout ? views.layout : `${plan.rows}x${plan.columns}`}
              data-protocol={planned.protocol?.value}
              data-compare={comparing}
              style={
                {
                  '--rows': plan.rows,
                  '--columns': plan.columns,
                } as CSSProperties
              }
            >
              {plan.panes.map((pane, i) => {
                const prior = pane.study > 0 ? priors[pane.study - 1] : undefined;
                const common = {
                  key: pane.viewportId,
                  engine,
                  pane,
                  index: i,
                  active: pane.viewportId === activeViewportId,
                  onActivate: () => activate(pane.viewportId),
                };
                if (!comparing) {
                  const uid = shownIn(pane.seriesUID);
                  return (
                    <StackPane
                      key={pane.viewportId}
                      engine={engine}
                      viewportId={pane.viewportId}
                      index={i}
                      testId={pane.testId}
                      sliderTestId={pane.sliderTestId}
                      content={uid ? (stateOfPane(i) ?? { state: 'loading' }) : null}
                      active={common.active}
                      onActivate={common.onActivate}
                      onRendered={onFirstViewSettled}
                      onFailed={onFirstViewSettled}
                      flips={pane}
                      place={pane.label}
                      label={
                        pane.label
                          ? t(`viewer.compare.place.${pane.label}`, { defaultValue: pane.label })
                          : undefined
                      }
                      preview={
                        i === 0 && uid === firstSeriesUID && pane.image === null ? preview : null
                      }
                    />
                  );
                }
                return (
                  <ComparedPane
                    {...common}
                    prior={prior}
                    state={pane.seriesUID ? (stateOfPane(i) ?? { state: 'loading' }) : null}
                    title={planned.titleOf(pane.study)}
                    currentSession={session}
                    onCurrentRendered={onFirstViewSettled}
                    onChooseSeries={(uid) => planned.override(pane.viewportId, uid)}
                    onDropSeries={(payload) => {
                      const dragged = readDraggedSeries(payload);
                      if (dragged && dragged.prior === pane.study) {
                        planned.override(pane.viewportId, dragged.seriesInstanceUID);
                      }
                    }}
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
