// The React side of a study's session: the component that opens a study holds its session
// (one per study: a prior beside it is a second call), and any component reads the part of
// its state it shows, re-rendering only when that part changes.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { OpenedStudy } from '../api/openStudy';
import { sessionKeyOf, ViewerSession, type SessionState } from './viewerSession';

export interface SessionFor {
  study: OpenedStudy;
  firstSeriesUID: string;
}

/** The session of the study, made once for it and held while this component shows it. */
export function useViewerSession(opened: SessionFor | null): ViewerSession | null {
  const queryClient = useQueryClient();
  const key = opened ? sessionKeyOf(opened.study, opened.firstSeriesUID) : null;
  const [held, setHeld] = useState<ViewerSession | null>(null);
  let session = held && held.key === key && !held.isDisposed ? held : null;
  if (opened && !session) {
    // Made during render (it asks nothing until retained), kept as state from this render on.
    session = new ViewerSession({ ...opened, queryClient });
    setHeld(session);
  }
  useEffect(() => session?.retain(), [session]);
  return session;
}

/** One part of a session's state (a value kept as is: compared by identity). */
export function useSessionValue<T>(session: ViewerSession, select: (state: SessionState) => T): T;
/** …or `fallback` while there is no session. */
export function useSessionValue<T>(
  session: ViewerSession | null,
  select: (state: SessionState) => T,
  fallback: T,
): T;
export function useSessionValue<T>(
  session: ViewerSession | null,
  select: (state: SessionState) => T,
  fallback?: T,
): T | undefined {
  const subscribe = useCallback(
    (listener: () => void) => session?.subscribe(listener) ?? (() => undefined),
    [session],
  );
  return useSyncExternalStore(subscribe, () => (session ? select(session.getState()) : fallback));
}
