// What the SPA asks the IdP to hand back after login (oidc-client-ts keeps it in the state
// store, keyed by the OIDC `state`). It returns from outside, so it is re-validated.
import { safeReturnPath } from '../../domain/returnPath';
import { isLanguage, type Language } from '../../lib/i18n';

export interface LoginState {
  returnTo: string;
  lang?: Language;
}

export function readLoginState(value: unknown): LoginState {
  const record =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return {
    returnTo: safeReturnPath(record.returnTo),
    ...(isLanguage(record.lang) ? { lang: record.lang } : {}),
  };
}
