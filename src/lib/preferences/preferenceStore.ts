// A user's own settings, kept in this browser only (ARCHITECTURE.md: a preference is not
// server state, and nothing with patient data goes to localStorage). Each setting is a
// boolean stored under the user's `sub`, so two people sharing a workstation each keep
// theirs and nobody's setting says anything of a patient.
//
// The browser's storage may refuse: reading or writing throws in some private modes,
// sandboxed frames or a full quota. The setting then lives in this page's memory — the
// control still works, the page says it will not be kept — and never breaks the page.

/** The settings there are, with their value before the user chose. */
export const PREFERENCE_DEFAULTS = {
  /** Open compare mode by itself when the study has a relevant prior (issue 17). */
  autoCompare: false,
} as const satisfies Record<string, boolean>;

export type PreferenceName = keyof typeof PREFERENCE_DEFAULTS;

/** What the store needs of localStorage (a stand-in in tests). */
export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** What the store needs of window: other tabs' writes arrive as `storage` events. */
export interface StorageEvents {
  addEventListener(type: 'storage', listener: (event: { key: string | null }) => void): void;
  removeEventListener(type: 'storage', listener: (event: { key: string | null }) => void): void;
}

export interface PreferenceStore {
  /** The user's setting; the default for an unknown user, an unreadable or a foreign value. */
  get(user: string, name: PreferenceName): boolean;
  set(user: string, name: PreferenceName, value: boolean): void;
  /** False once the browser refused to keep a setting: it lasts this page's life only. */
  persisted(): boolean;
  /** Called on every change, here or in another tab; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

const PREFIX = 'drim-viewer.preference.';

/** `drim-viewer.preference.<name>.<sub>`: the name first, so a `sub` cannot pose as one. */
export function preferenceKey(user: string, name: PreferenceName): string {
  return `${PREFIX}${name}.${user}`;
}

export function createPreferenceStore(options: {
  /** Looked up at each use: merely touching `localStorage` may throw. */
  storage: () => PreferenceStorage | null;
  events?: StorageEvents | undefined;
}): PreferenceStore {
  // What this page set, whatever the storage did with it: the page's own truth.
  const memory = new Map<string, boolean>();
  const listeners = new Set<() => void>();
  let kept = true;

  const storage = (): PreferenceStorage | null => {
    try {
      return options.storage();
    } catch {
      return null;
    }
  };
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  // Another tab changed a setting (or cleared the storage: key null): read it again.
  const onStorage = (event: { key: string | null }) => {
    if (event.key !== null && !event.key.startsWith(PREFIX)) return;
    if (event.key === null) memory.clear();
    else memory.delete(event.key);
    notify();
  };

  return {
    get(user, name) {
      const fallback = PREFERENCE_DEFAULTS[name];
      if (user === '') return fallback;
      const key = preferenceKey(user, name);
      const mine = memory.get(key);
      if (mine !== undefined) return mine;
      let stored: string | null = null;
      try {
        stored = storage()?.getItem(key) ?? null;
      } catch {
        return fallback;
      }
      // Only what this store writes is read; anything else (edited by hand) is no choice.
      if (stored === 'true') return true;
      if (stored === 'false') return false;
      return fallback;
    },
    set(user, name, value) {
      if (user === '') return;
      const key = preferenceKey(user, name);
      memory.set(key, value);
      const target = storage();
      try {
        if (!target) throw new Error('no storage');
        target.setItem(key, String(value));
        kept = true;
      } catch {
        kept = false;
      }
      notify();
    },
    persisted: () => kept,
    subscribe(listener) {
      if (listeners.size === 0) options.events?.addEventListener('storage', onStorage);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) options.events?.removeEventListener('storage', onStorage);
      };
    },
  };
}

/** The app's one store, over this browser's localStorage. */
export const preferences = createPreferenceStore({
  storage: () => globalThis.localStorage,
  events: typeof window === 'undefined' ? undefined : window,
});
