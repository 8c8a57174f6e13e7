// The feature's query keys, made here only: each starts with 'consent', so recording or
// withdrawing a consent refreshes every consent query at once (`consentKeys.all`).
export const consentKeys = {
  all: ['consent'] as const,
  /** A patient's own consents. */
  mine: () => ['consent', 'mine'] as const,
  /** The active consent covering these identifiers (`issuer|id,…`), for a professional. */
  active: (patients: string) => ['consent', 'active', patients] as const,
  /**
   * Until when a break-the-glass window this page opened stays open (`issuer|id,…`): the
   * gateway said so when it opened; kept in memory only.
   */
  breakGlass: (patients: string) => ['consent', 'breakGlass', patients] as const,
  /** Who accessed a patient's data. */
  trace: () => ['consent', 'trace'] as const,
};
