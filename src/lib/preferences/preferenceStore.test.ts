import { describe, expect, it, vi } from 'vitest';
import {
  createPreferenceStore,
  preferenceKey,
  type PreferenceStorage,
  type StorageEvents,
} from './preferenceStore';

function memoryStorage(): PreferenceStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}

function fakeWindow(): StorageEvents & { fire: (key: string | null) => void; count: () => number } {
  const listeners = new Set<(event: { key: string | null }) => void>();
  return {
    addEventListener: (_, l) => void listeners.add(l),
    removeEventListener: (_, l) => void listeners.delete(l),
    fire: (key) => {
      for (const l of listeners) l({ key });
    },
    count: () => listeners.size,
  };
}

describe('preference store', () => {
  it('is off until the user sets it, then kept in the browser for that user only', () => {
    const storage = memoryStorage();
    const store = createPreferenceStore({ storage: () => storage });
    expect(store.get('radiologue', 'autoCompare')).toBe(false);
    store.set('radiologue', 'autoCompare', true);
    expect(store.get('radiologue', 'autoCompare')).toBe(true);
    expect(store.get('medecin', 'autoCompare')).toBe(false);
    expect(store.persisted()).toBe(true);
    // Nothing but the boolean, under the user's sub.
    expect([...storage.items]).toEqual([['drim-viewer.preference.autoCompare.radiologue', 'true']]);
    // A new page (a reload) reads it back from the storage.
    expect(createPreferenceStore({ storage: () => storage }).get('radiologue', 'autoCompare')).toBe(
      true,
    );
  });

  it('turns back off', () => {
    const storage = memoryStorage();
    const store = createPreferenceStore({ storage: () => storage });
    store.set('radiologue', 'autoCompare', true);
    store.set('radiologue', 'autoCompare', false);
    expect(createPreferenceStore({ storage: () => storage }).get('radiologue', 'autoCompare')).toBe(
      false,
    );
  });

  it('reads nothing for nobody and writes nothing for nobody', () => {
    const storage = memoryStorage();
    const store = createPreferenceStore({ storage: () => storage });
    store.set('', 'autoCompare', true);
    expect(store.get('', 'autoCompare')).toBe(false);
    expect(storage.items.size).toBe(0);
  });

  it.each(['yes', '1', 'TRUE', '{"on":true}', ''])('takes a stored %j as no choice', (stored) => {
    const storage = memoryStorage();
    storage.items.set(preferenceKey('radiologue', 'autoCompare'), stored);
    expect(createPreferenceStore({ storage: () => storage }).get('radiologue', 'autoCompare')).toBe(
      false,
    );
  });

  describe('when the browser keeps nothing (private mode, sandboxed frame, full quota)', () => {
    const refusing: Array<[string, () => PreferenceStorage | null]> = [
      ['no storage at all', () => null],
      [
        'the storage itself refused',
        () => {
          throw new DOMException('denied', 'SecurityError');
        },
      ],
      [
        'reads and writes refused',
        () => ({
          getItem: () => {
            throw new DOMException('denied', 'SecurityError');
          },
          setItem: () => {
            throw new DOMException('full', 'QuotaExceededError');
          },
        }),
      ],
    ];

    it.each(refusing)('%s: off, then set for this page only, and said so', (_, storage) => {
      const store = createPreferenceStore({ storage });
      const listener = vi.fn();
      store.subscribe(listener);
      expect(store.get('radiologue', 'autoCompare')).toBe(false);
      expect(() => store.set('radiologue', 'autoCompare', true)).not.toThrow();
      expect(store.get('radiologue', 'autoCompare')).toBe(true);
      expect(store.persisted()).toBe(false);
      expect(listener).toHaveBeenCalledTimes(1);
      expect(createPreferenceStore({ storage }).get('radiologue', 'autoCompare')).toBe(false);
    });

    it('a write that works again says the setting is kept again', () => {
      const storage = memoryStorage();
      let full = true;
      const store = createPreferenceStore({
        storage: () => ({
          getItem: storage.getItem,
          setItem: (k, v) => {
            if (full) throw new DOMException('full', 'QuotaExceededError');
            storage.setItem(k, v);
          },
        }),
      });
      store.set('radiologue', 'autoCompare', true);
      expect(store.persisted()).toBe(false);
      full = false;
      store.set('radiologue', 'autoCompare', true);
      expect(store.persisted()).toBe(true);
    });
  });

  it('tells its subscribers of a change made here or in another tab', () => {
    const storage = memoryStorage();
    const win = fakeWindow();
    const store = createPreferenceStore({ storage: () => storage, events: win });
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.set('radiologue', 'autoCompare', true);
    expect(listener).toHaveBeenCalledTimes(1);

    // Another tab turns it off: this page reads the storage again.
    storage.items.set(preferenceKey('radiologue', 'autoCompare'), 'false');
    win.fire(preferenceKey('radiologue', 'autoCompare'));
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.get('radiologue', 'autoCompare')).toBe(false);

    // Another application's key is none of ours.
    win.fire('something-else');
    expect(listener).toHaveBeenCalledTimes(2);

    unsubscribe();
    expect(win.count()).toBe(0);
  });
});
