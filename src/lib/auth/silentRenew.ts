// When the access token is renewed in the background (a hidden prompt=none sign-in). The
// OIDC library's own timer renews a fixed 60 s before the end, which for a token living less
// than a minute means "one second after every renewal", in a loop. Here the renewal comes
// half the token's remaining life before its end, at most 60 s before: a 10-minute token is
// renewed at 9 minutes, a 20-second one at 10 seconds — leaving a slow IdP (or a loaded
// machine loading the hidden page) time to answer before the token ends.
// The due time is checked against the clock on a short interval rather than by one long
// timeout, so a laptop waking from sleep renews at once instead of after the timeout's
// remaining (sleep-suspended) time.

/** Renewal attempts after a timeout or a network failure, this far apart. */
export const RETRY_SECONDS = 5;

/** Seconds from now to the renewal of a token that ends in `remainingSeconds`. */
export function renewDelaySeconds(remainingSeconds: number): number {
  if (remainingSeconds <= 0) return 0;
  return remainingSeconds - Math.min(60, remainingSeconds / 2);
}

/** What a renewal attempt came to: `retry` when asking again may help (timeout, no answer). */
export type RenewResult = 'done' | 'retry';

export interface RenewClock {
  now: () => number;
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
}

const browserClock: RenewClock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/**
 * Calls `renew` when the token ending at `expiresAtSeconds` (epoch seconds) is due for
 * renewal; retries while `renew` says so and the token is still valid. Returns the cancel
 * function (a new token, a logout or an unmount cancels the old schedule).
 */
export function scheduleSilentRenew(
  expiresAtSeconds: number,
  renew: () => Promise<RenewResult>,
  clock: RenewClock = browserClock,
): () => void {
  const expiresAtMs = expiresAtSeconds * 1000;
  let dueAt = clock.now() + renewDelaySeconds((expiresAtMs - clock.now()) / 1000) * 1000;
  let handle: unknown = null;
  let cancelled = false;
  let running = false;

  const stop = (): void => {
    if (handle !== null) clock.clearInterval(handle);
    handle = null;
  };
  const arm = (): void => {
    stop();
    // Fine-grained for short tokens, every 5 s at most for long ones.
    const step = Math.max(250, Math.min(5000, (dueAt - clock.now()) / 4));
    handle = clock.setInterval(check, step);
  };
  const check = (): void => {
    if (cancelled || running || clock.now() < dueAt) return;
    stop();
    running = true;
    void renew()
      .catch((): RenewResult => 'retry')
      .then((result) => {
        running = false;
        if (cancelled || result === 'done') return;
        dueAt = clock.now() + RETRY_SECONDS * 1000;
        // Past the end, the session has expired and is handled as such.
        if (dueAt < expiresAtMs) arm();
      });
  };

  arm();
  return () => {
    cancelled = true;
    stop();
  };
}
