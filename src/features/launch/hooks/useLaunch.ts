// Drives one launch page: wait for a session (logging in if needed, back to this same
// page), claim the launch once, open what it names — replacing the URL, so the history
// keeps no launch page to come back to.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { PublicSource } from '../../../domain/publicConfig';
import { onLogout } from '../../../lib/auth/onLogout';
import { useAuth } from '../../../lib/auth/useAuth';
import {
  openChosen,
  openClaimed,
  openLaunch,
  type ClaimedTarget,
  type LaunchChoice,
  type LaunchContext,
  type LaunchOutcome,
  type LaunchProblem,
} from '../api/openLaunch';

export type LaunchStep =
  | { step: 'restoring' }
  | { step: 'signingIn' }
  | { step: 'loginUnavailable' }
  | { step: 'opening' }
  | { step: 'failed'; problem: LaunchProblem; canRetry: boolean };

// A launch is single-use: React's StrictMode (and a re-render at the wrong time) must not
// claim it twice. One run per key, shared, dropped as soon as it settles.
const running = new Map<string, Promise<LaunchOutcome>>();

function runOnce(key: string, ctx: LaunchContext): Promise<LaunchOutcome> {
  let run = running.get(key);
  if (!run) {
    run = openLaunch(key, ctx).finally(() => running.delete(key));
    running.set(key, run);
  }
  return run;
}

export function useLaunch(
  key: string,
  sources: readonly PublicSource[],
  /** The viewer's code, fetched while the launch is claimed and its exam looked up. */
  prepareViewer?: { route: () => Promise<unknown>; study: () => void },
) {
  const { status, notice, principal, login } = useAuth();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<LaunchOutcome | null>(null);
  const [retrying, setRetrying] = useState(false);
  const askedLogin = useRef(false);
  // What was claimed stays in memory only until the session ends.
  const retryWith = useRef<ClaimedTarget | undefined>(undefined);

  useEffect(
    () =>
      onLogout(() => {
        retryWith.current = undefined;
      }),
    [],
  );

  useEffect(() => {
    if (status !== 'signedOut' || askedLogin.current || notice === 'idpUnavailable') return;
    askedLogin.current = true;
    // The OIDC state brings the user back here, and this page claims the launch then.
    // Replacing: Back from the IdP's page goes to the DPI, not to this page, which would
    // only send the GP to the IdP again. Chromium replaced it anyway when the redirect
    // left before the page's load event, so the history depended on timing.
    void login(`/launch/${encodeURIComponent(key)}`, { replace: true });
  }, [status, notice, login, key]);

  // The viewer's route code, asked for while the sign-in runs (below).
  const routeCode = useRef<Promise<unknown> | null>(null);

  const apply = useCallback(
    async (result: LaunchOutcome) => {
      if (result.kind === 'open') {
        // Navigating before the route's code has run makes it suspend, and React then
        // holds the revealed viewer back 300 ms: measured as the idle gap between the
        // launch's answer and the viewer's first request once the claim came that early.
        await routeCode.current?.catch(() => undefined);
        void navigate(result.to, { replace: true });
        return;
      }
      retryWith.current = result.retry;
      setOutcome(result);
    },
    [navigate],
  );

  // While the sign-in runs: the viewer's route (small) is the likely destination.
  const prepareRoute = prepareViewer?.route;
  useEffect(() => {
    routeCode.current = prepareRoute?.() ?? null;
  }, [prepareRoute]);

  const onStudyAhead = prepareViewer?.study;
  useEffect(() => {
    if (status !== 'signedIn' || !principal || outcome) return;
    let active = true;
    void runOnce(key, { principal, sources, ...(onStudyAhead ? { onStudyAhead } : {}) }).then(
      (result) => {
        if (active) void apply(result);
      },
    );
    return () => {
      active = false;
    };
  }, [status, principal, key, sources, outcome, apply, onStudyAhead]);

  const retry = useCallback(async () => {
    const claimed = retryWith.current;
    if (!claimed || !principal) return;
    setRetrying(true);
    const result = await openClaimed(claimed, { principal, sources });
    setRetrying(false);
    void apply(result);
  }, [principal, sources, apply]);

  // The GP's choice among the persons one exam identifier names: sealed, never in the URL.
  const [choosing, setChoosing] = useState(false);
  const choose = useCallback(
    async (choice: LaunchChoice) => {
      setChoosing(true);
      const result = await openChosen(choice);
      setChoosing(false);
      void apply(result);
    },
    [apply],
  );

  const retryLogin = useCallback(() => {
    void login(`/launch/${encodeURIComponent(key)}`);
  }, [login, key]);

  let step: LaunchStep;
  if (outcome?.kind === 'problem' && !retrying) {
    step = { step: 'failed', problem: outcome.problem, canRetry: outcome.retry !== undefined };
  } else if (status === 'restoring') step = { step: 'restoring' };
  else if (status === 'signedOut') {
    step = notice === 'idpUnavailable' ? { step: 'loginUnavailable' } : { step: 'signingIn' };
  } else step = { step: 'opening' };

  return { step, retry, retryLogin, choose, choosing };
}
