// Compare mode's state for the workspace: the priors the address names, each opened as its
// own session (usePriorSession.ts) and read like the current study; the patient's other
// studies, ranked (priors/usePriors.ts); how each prior's series pair with today's; and the
// actions — compare with the proposed prior, add or remove one, leave compare mode. A study
// key or the radiologist's preference asking `compare: 'auto'` opens the proposed prior by
// itself, once, in place (Back then leaves the study, not the comparison alone).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PublicSource } from '../../../domain/publicConfig';
import type { RankedPrior } from '../../../domain/viewer/priors';
import { pairSeries } from '../../../domain/viewer/seriesPairing';
import { useAuth } from '../../../lib/auth/useAuth';
import { useAutoComparePreference } from '../../../lib/preferences/useAutoComparePreference';
import { useSeriesContents } from '../hooks/useSeriesContents';
import { priorKeyQuery } from '../priors/priorKey';
import { usePriors, type Priors } from '../priors/usePriors';
import type { SeriesState } from '../session/seriesState';
import type { ViewerSession } from '../session/viewerSession';
import { MAX_PRIORS } from './compareUrl';
import { pairablesOf } from './hangingStudy';
import { useCompareUrl } from './useCompareUrl';
import { usePriorSession, type PriorState } from './usePriorSession';

export interface Comparison {
  /** The priors the address names (1 or 2), each as it opens. */
  priors: readonly PriorState[];
  /** Each prior's series as its views show them, in the same order. */
  priorContents: readonly ReadonlyMap<string, SeriesState>[];
  comparing: boolean;
  /** The patient's other studies, ranked; null when this user gets no priors panel. */
  ranked: Priors | null;
  proposed: RankedPrior | null;
  /** The study UID of each compared prior, when known, in the address' order. */
  comparedUids: readonly (string | null)[];
  /** A prior whose key is being sealed (its « Comparer » was just clicked). */
  busy: string | null;
  compare: (prior: RankedPrior, how: 'replace' | 'add', options?: { replace?: boolean }) => void;
  remove: (studyInstanceUID: string) => void;
  close: () => void;
  /** The series of prior `study` (1, 2) paired with a current series, null if none. */
  pairOf: (study: number, currentSeriesUID: string) => string | null;
}

const NO_CONTENTS: ReadonlyMap<string, SeriesState> = new Map();

export function useComparison(options: {
  session: ViewerSession;
  contents: ReadonlyMap<string, SeriesState>;
  studyKey: string;
  sources: readonly PublicSource[];
  /** Priors are a professional's tool: a patient's viewer shows none. */
  professional: boolean;
  /** The patient query waits until the current study's first image is on screen. */
  firstImageShown: boolean;
  studyDate: string | null;
}): Comparison {
  const { session, contents, studyKey, sources, professional, firstImageShown } = options;
  const { study } = session;
  const { status } = useAuth();
  const signedIn = status === 'signedIn';
  const queryClient = useQueryClient();
  const { priorKeys, compareWith } = useCompareUrl(studyKey);
  const priorA = usePriorSession(priorKeys[0] ?? null, { signedIn, sources });
  const priorB = usePriorSession(priorKeys[1] ?? null, { signedIn, sources });
  const contentsA = useSeriesContents(priorA.kind === 'open' ? priorA.session : null);
  const contentsB = useSeriesContents(priorB.kind === 'open' ? priorB.session : null);
  const priors = useMemo(
    () => [priorA, priorB].slice(0, priorKeys.length),
    [priorA, priorB, priorKeys.length],
  );
  const priorContents = useMemo(
    () => [contentsA, contentsB].slice(0, priorKeys.length),
    [contentsA, contentsB, priorKeys.length],
  );

  const patient = study.patient ?? [];
  const ranked = usePriors({
    study,
    sources,
    studyDate: options.studyDate,
    enabled: professional && firstImageShown && patient.length > 0,
  });
  const proposed = professional ? (ranked.ranked.find((p) => p.proposed) ?? null) : null;
  // The proposed prior's key, sealed ahead: « Comparer » then goes straight to the prior.
  useQuery({
    ...priorKeyQuery(proposed?.study ?? ranked.current, patient),
    enabled: proposed !== null,
  });

  /** Keys this page sealed, to name the studies compared before they open. */
  const [sealed, setSealed] = useState<Readonly<Record<string, string>>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const compare: Comparison['compare'] = (prior, how, opts = {}) => {
    if (busy) return;
    setBusy(prior.study.studyInstanceUID);
    void queryClient
      .fetchQuery(priorKeyQuery(prior.study, patient))
      .then((key) => {
        setSealed((known) => ({ ...known, [key]: prior.study.studyInstanceUID }));
        const next = how === 'add' ? [...priorKeys, key].slice(0, MAX_PRIORS) : [key];
        compareWith(next, opts);
      })
      // The panel keeps its button: a failed seal is asked again on the next click.
      .catch(() => undefined)
      .finally(() => setBusy(null));
  };

  const comparedUids = priors.map((p, i) => {
    if (p.kind === 'open' || p.kind === 'noImage') return p.study.studyInstanceUID;
    return sealed[priorKeys[i] ?? ''] ?? null;
  });
  const remove = (uid: string) => {
    const at = comparedUids.indexOf(uid);
    if (at >= 0) compareWith(priorKeys.filter((_, i) => i !== at));
  };
  const close = () => compareWith([]);

  // `compare: 'auto'` (the launch) or the radiologist's preference: once, when a prior is proposed.
  const { autoCompare } = useAutoComparePreference();
  const autoDone = useRef(false);
  const wantsAuto = professional && (study.compare === 'auto' || autoCompare);
  useEffect(() => {
    if (autoDone.current || !wantsAuto || !proposed || priorKeys.length > 0) return;
    autoDone.current = true;
    compare(proposed, 'replace', { replace: true });
    // `compare` is this render's closure over the same state: running once is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wantsAuto, proposed, priorKeys.length]);

  const currentPairables = useMemo(() => pairablesOf(study, contents), [study, contents]);
  const pairs = useMemo(
    () =>
      priors.map((p, i) =>
        p.kind === 'open'
          ? pairSeries(currentPairables, pairablesOf(p.study, priorContents[i] ?? NO_CONTENTS))
          : new Map<string, string | null>(),
      ),
    [priors, priorContents, currentPairables],
  );
  const pairOf = useCallback(
    (prior: number, uid: string) => pairs[prior - 1]?.get(uid) ?? null,
    [pairs],
  );

  return {
    priors,
    priorContents,
    comparing: priorKeys.length > 0,
    ranked: professional ? ranked : null,
    proposed,
    comparedUids,
    busy,
    compare,
    remove,
    close,
    pairOf,
  };
}
