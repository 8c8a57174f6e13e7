// « Ouvrir automatiquement la comparaison avec l'examen antérieur le plus pertinent »: the
// radiologist's own setting, set in the header's preferences and read by the viewer, which
// then opens compare mode by itself when a relevant prior exists.
import { useCallback, useSyncExternalStore } from 'react';
import { useAuth } from '../auth/useAuth';
import { preferences } from './preferenceStore';

export interface AutoComparePreference {
  /** Open compare mode by itself when the study has a relevant prior. */
  autoCompare: boolean;
  setAutoCompare: (on: boolean) => void;
  /** False when the browser keeps nothing (private mode): the setting lasts this page only. */
  persisted: boolean;
  /**
   * Only a signed-in professional has the setting: a patient's `sub` is never written to the
   * browser, and for anybody else it reads off and cannot be set.
   */
  available: boolean;
}

export function useAutoComparePreference(): AutoComparePreference {
  const { status, user, principal } = useAuth();
  // The ID token's `sub` is the access token's: the user the gateway knows.
  const sub =
    status === 'signedIn' && principal?.role === 'professional' ? (user?.profile.sub ?? '') : '';
  const autoCompare = useSyncExternalStore(
    preferences.subscribe,
    () => preferences.get(sub, 'autoCompare'),
    () => false,
  );
  const persisted = useSyncExternalStore(preferences.subscribe, preferences.persisted, () => true);
  const setAutoCompare = useCallback(
    (on: boolean) => preferences.set(sub, 'autoCompare', on),
    [sub],
  );
  return { autoCompare, setAutoCompare, persisted, available: sub !== '' };
}
