// Which plan the workspace shows (panePlan.ts), and the hanging protocol behind it:
// - the current study alone: the best protocol for it (the mirrored four views of a
//   mammogram, a chest's PA beside its lateral), else the user's own layout (1×1, 1×2, 2×2);
// - compared: the best protocol showing every prior asked for (CT/MR axial current vs
//   prior, chest, mammography current vs prior per view…), once every prior is open; until
//   then, when one failed, when none shows them all, or when the user picks it: « côte à
//   côte », the view being read with each prior's paired series beside it.
// The protocol in use is named in the toolbar and the user can switch; series the user puts
// in a view (the series panel, a prior's menu or a drop) stay until the plan changes.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { numericDate } from '../../../domain/dateText';
import {
  HANGING_PROTOCOL_RULES,
  hangingProtocolsFor,
  type HangingProtocol,
  type HangingStudy,
} from '../../../domain/viewer/hangingProtocols';
import { intervalBetween } from '../../../domain/viewer/priors';
import { currentLanguage } from '../../../lib/i18n';
import type { OpenedStudy } from '../api/openStudy';
import type { LayoutId } from '../components/toolbarChoices';
import { KEY_IMAGES_ID } from '../hooks/useKeyImages';
import { intervalText } from '../priors/priorReason';
import type { SeriesState } from '../session/seriesState';
import { hangingStudyOf } from './hangingStudy';
import { layoutPlan, sideBySidePlan, type CurrentView, type PanePlan } from './panePlan';
import { withOverrides, type PaneOverrides } from './paneOverrides';
import { protocolPlan, type PlannedStudy } from './protocolPlan';
import type { Comparison } from './useComparison';

/** The protocol of the user's own layout: the hanging table's fallback for one study. */
const FREE_LAYOUT = 'fallback';

export interface WorkspacePlan {
  plan: PanePlan;
  /** The user's own layout is shown: the layout buttons apply. */
  freeLayout: boolean;
  /** For the toolbar: the protocol in use and the others that apply. */
  protocol: {
    options: { id: string; name: string }[];
    value: string;
    onChange: (id: string) => void;
  };
  /** Shows a series in a view of a protocol's or comparison's plan. */
  override: (viewportId: string, seriesInstanceUID: string) => void;
  /** ISO date of each study (0 current, then the priors), null when unknown. */
  studyDates: (string | null)[];
  /** The words of a view's header: « Actuel — 12/03/2026 », « Antérieur 1 — … ». */
  titleOf: (study: number) => string;
}

const NO_OVERRIDES: PaneOverrides = {};
/** Compare mode before every prior is open (or when one failed): each prior beside the current. */
const SIDE_BY_SIDE = 'sideBySide';

/** A view's spec by value, to tell whether it changed. */
const viewKey = (v: CurrentView) =>
  [v.seriesUID, v.image, v.flipHorizontal, v.flipVertical, v.label].join('|');

const hasPrior = (p: HangingProtocol) => p.panes.some((pane) => pane.role === 'prior');

/**
 * The table's fallbacks hang each study's first series: compared, the side-by-side plan does
 * better (the view being read, each prior's series paired with it).
 */
const FALLBACKS = new Set(HANGING_PROTOCOL_RULES.filter((r) => r.fallback).map((r) => r.id));

/** A prior the user asked for is never left out of the screen by a protocol. */
const showsEvery = (p: HangingProtocol, priorUIDs: readonly string[]) =>
  priorUIDs.every((uid) =>
    p.panes.some((pane) => pane.role === 'prior' && pane.studyInstanceUID === uid),
  );

function firstDate(contents: ReadonlyMap<string, SeriesState>): string | null {
  for (const s of contents.values())
    if (s.state === 'ready' && s.series.facts.studyDate) return s.series.facts.studyDate;
  return null;
}

export function useWorkspacePlan(options: {
  study: OpenedStudy;
  contents: ReadonlyMap<string, SeriesState>;
  comparison: Comparison;
  layout: LayoutId;
  assigned: readonly (string | null)[];
  activeId: string;
  firstSeriesUID: string;
  currentRegions: readonly string[];
}): WorkspacePlan {
  const { t } = useTranslation();
  const { study, contents, comparison, layout, assigned, activeId, firstSeriesUID } = options;
  const { priors, priorContents, comparing, pairOf } = comparison;
  const ranked = comparison.ranked?.ranked ?? [];

  // Regions as the sources list them (the current study's, each prior's), by text for memos.
  const regionsKey = options.currentRegions.join(',');
  const priorRegionsKey = priors
    .map((p) =>
      p.kind === 'open'
        ? (
            ranked.find((r) => r.study.studyInstanceUID === p.study.studyInstanceUID)?.study
              .regions ?? []
          )
            .map((r) => r.code)
            .join(',')
        : '',
    )
    .join('|');

  const currentHanging = useMemo(
    () => hangingStudyOf('current', study, contents, regionsKey ? regionsKey.split(',') : []),
    [study, contents, regionsKey],
  );
  const allOpen = priors.every((p) => p.kind === 'open');
  // A protocol places a prior's images once its first series is read: chosen earlier, it
  // would hang the prior's whole series, then its images, one after the other.
  const priorsRead = priors.every(
    (p, i) =>
      p.kind === 'open' && priorContents[i]?.get(p.session.firstSeriesUID)?.state !== 'loading',
  );
  const priorHangings = useMemo((): HangingStudy[] => {
    const regions = priorRegionsKey.split('|');
    return priors.flatMap((p, i) =>
      p.kind === 'open'
        ? [
            hangingStudyOf(
              'prior',
              p.study,
              priorContents[i] ?? new Map(),
              regions[i] ? (regions[i] ?? '').split(',') : [],
            ),
          ]
        : [],
    );
  }, [priors, priorContents, priorRegionsKey]);
  const protocols = useMemo(
    () => hangingProtocolsFor(currentHanging, priorHangings),
    [currentHanging, priorHangings],
  );
  const openUIDs = priors.flatMap((p) => (p.kind === 'open' ? [p.study.studyInstanceUID] : []));
  const openKey = openUIDs.join(',');
  const candidates = useMemo(() => {
    if (!comparing) return protocols.filter((p) => !hasPrior(p));
    if (!allOpen || !priorsRead) return [];
    const uids = openKey.split(',');
    return protocols.filter((p) => hasPrior(p) && !FALLBACKS.has(p.id) && showsEvery(p, uids));
  }, [comparing, allOpen, priorsRead, protocols, openKey]);

  const [choice, setChoice] = useState<string | null>(null);
  const chosen = useMemo(
    () =>
      comparing && choice === SIDE_BY_SIDE
        ? null
        : (candidates.find((p) => p.id === choice) ?? candidates[0] ?? null),
    [comparing, candidates, choice],
  );
  const freeLayout = !comparing && (chosen === null || chosen.id === FREE_LAYOUT);

  const planStudies = useMemo(
    (): PlannedStudy[] => [
      { studyInstanceUID: study.studyInstanceUID, contents },
      ...priors.map((p, i) => ({
        studyInstanceUID: p.kind === 'open' ? p.study.studyInstanceUID : '',
        contents: priorContents[i] ?? new Map<string, SeriesState>(),
      })),
    ],
    [study, contents, priors, priorContents],
  );

  const alone = useMemo(
    (): PanePlan =>
      !freeLayout && chosen
        ? (protocolPlan(chosen, planStudies) ?? layoutPlan(layout, assigned))
        : layoutPlan(layout, assigned),
    [freeLayout, chosen, planStudies, layout, assigned],
  );
  // The view compared is the one the user was reading when compare mode opened: kept while
  // the study is read alone (adjusted while rendering, React's way), held once compared.
  const reading = alone.panes.find((p) => p.viewportId === activeId) ?? alone.panes[0];
  const live: CurrentView = {
    seriesUID:
      !reading?.seriesUID || reading.seriesUID === KEY_IMAGES_ID
        ? firstSeriesUID
        : reading.seriesUID,
    image: reading?.image ?? null,
    flipHorizontal: reading?.flipHorizontal ?? false,
    flipVertical: reading?.flipVertical ?? false,
    label: reading?.label ?? null,
  };
  const [focus, setFocus] = useState(live);
  if (!comparing && viewKey(focus) !== viewKey(live)) setFocus(live);
  const held = comparing ? focus : live;

  const base = useMemo((): PanePlan => {
    if (!comparing) return alone;
    const fromProtocol = chosen ? protocolPlan(chosen, planStudies) : null;
    const focusUID = held.seriesUID ?? firstSeriesUID;
    return (
      fromProtocol ??
      sideBySidePlan(
        held,
        priors.map((p, i) =>
          p.kind === 'open' ? (pairOf(i + 1, focusUID) ?? p.session.firstSeriesUID) : null,
        ),
      )
    );
  }, [comparing, alone, chosen, planStudies, held, priors, firstSeriesUID, pairOf]);

  // The user's series per view, for the plan they were chosen in.
  const planName = `${comparing ? priors.length : 0}|${chosen?.id ?? ''}`;
  const [overrides, setOverrides] = useState<{ plan: string; views: PaneOverrides }>({
    plan: planName,
    views: {},
  });
  const views = overrides.plan === planName ? overrides.views : NO_OVERRIDES;
  const plan = useMemo(
    () => (freeLayout ? base : withOverrides(base, views, pairOf)),
    [base, views, freeLayout, pairOf],
  );

  const lang = currentLanguage();
  const studyDates = [
    comparison.ranked?.current.date ?? firstDate(contents),
    ...priors.map((p, i) => {
      if (p.kind !== 'open' && p.kind !== 'noImage') return null;
      const row = ranked.find((r) => r.study.studyInstanceUID === p.study.studyInstanceUID);
      return row?.study.date ?? firstDate(priorContents[i] ?? new Map());
    }),
  ];
  const titleOf = (index: number) => {
    const date = numericDate(studyDates[index] ?? null, lang) ?? t('viewer.priors.undated');
    if (index === 0) return t('viewer.compare.currentTitle', { date });
    const interval = intervalBetween(studyDates[0] ?? null, studyDates[index] ?? null);
    return interval.direction === 'undated'
      ? t('viewer.compare.priorTitle', { n: index, date })
      : t('viewer.compare.priorTitleWhen', { n: index, date, when: intervalText(t, interval) });
  };

  return {
    plan,
    freeLayout,
    protocol: {
      options: [
        ...candidates.map((p) => ({ id: p.id, name: t(p.name, { defaultValue: p.id }) })),
        ...(comparing
          ? [{ id: SIDE_BY_SIDE, name: t(`viewer.hangingProtocols.${SIDE_BY_SIDE}`) }]
          : []),
      ],
      value: chosen?.id ?? (comparing ? SIDE_BY_SIDE : FREE_LAYOUT),
      onChange: setChoice,
    },
    override: (viewportId, uid) =>
      setOverrides((o) => ({
        plan: planName,
        views: { ...(o.plan === planName ? o.views : {}), [viewportId]: uid },
      })),
    studyDates,
    titleOf,
  };
}
