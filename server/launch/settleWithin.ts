// One way to give a piece of a launch's work a time budget: its result if it settles in
// time, else LATE — the timer always cleared, so a budget never keeps the process busy.

export const LATE = Symbol('late');

/** `work`'s result, or LATE when it has not settled within `ms`; a rejection passes through. */
export async function settleWithin<T>(work: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
