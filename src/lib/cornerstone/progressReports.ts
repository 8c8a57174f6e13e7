// Progress of a background load, reported to the page at a human pace. Reporting every
// decoded frame (hundreds a series) made React re-render the workspace and the browser
// repaint it each time — on a 2-core machine that repainting took the CPU the decoding
// needed. A bar that moves a few times a second says the same to the user.

export interface ProgressReports<T> {
  /** A new value; `last` reports it at once (the load is over), else within `intervalMs`. */
  push: (value: T, last?: boolean) => void;
  /** Drops what is pending (the load was cancelled). */
  cancel: () => void;
}

export function progressReports<T>(
  report: (value: T) => void,
  intervalMs: number,
  timers: {
    now: () => number;
    setTimeout: (run: () => void, ms: number) => unknown;
    clearTimeout: (handle: unknown) => void;
  } = {
    now: () => performance.now(),
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
): ProgressReports<T> {
  let lastReportAt = Number.NEGATIVE_INFINITY;
  let pending: { value: T } | null = null;
  let timer: unknown = null;

  const flush = () => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    lastReportAt = timers.now();
    report(value);
  };

  return {
    push(value, last = false) {
      pending = { value };
      if (last) {
        if (timer !== null) timers.clearTimeout(timer);
        flush();
        return;
      }
      if (timer !== null) return;
      const wait = lastReportAt + intervalMs - timers.now();
      if (wait <= 0) flush();
      else timer = timers.setTimeout(flush, wait);
    },
    cancel() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
