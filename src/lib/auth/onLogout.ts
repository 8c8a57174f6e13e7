// When a session ends — the user logs out, or it expires — everything fetched for that
// user must go from memory: TanStack Query's cache is cleared by the auth provider, and
// any other cache (Cornerstone's images and metadata in the viewer) subscribes here.
// Also: a page restored from the back-forward cache keeps its whole memory, images
// included; it is reloaded instead, so it starts signed out and empty.

export type SessionEndReason = 'logout' | 'expired';

type Listener = (reason: SessionEndReason) => void;

const listeners = new Set<Listener>();

/** Runs `listener` at every end of session; returns the unsubscribe function. */
export function onLogout(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** For the auth provider: tells every subscriber, even if one of them throws. */
export function notifyLogout(reason: SessionEndReason): void {
  for (const listener of [...listeners]) {
    try {
      listener(reason);
    } catch (error) {
      console.warn('a session-end listener failed', error);
    }
  }
}

let reloadInstalled = false;

/** Reloads a page the browser restores from its back-forward cache after a session ended. */
export function reloadRestoredPages(
  win: Pick<Window, 'addEventListener' | 'location'> = window,
): void {
  if (reloadInstalled) return;
  reloadInstalled = true;
  win.addEventListener('pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted) win.location.reload();
  });
}
