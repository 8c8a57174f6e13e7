import { describe, expect, it } from 'vitest';
import { isLaunchKey, LaunchStore } from './launchStore';

describe('pending launches', () => {
  it('are handed out once, under a random key that says nothing', () => {
    const store = new LaunchStore<string>();
    const key = store.put('launch-a');
    expect(isLaunchKey(key)).toBe(true);
    expect(store.put('launch-b')).not.toBe(key);
    expect(store.peek(key)).toBe('launch-a');
    expect(store.take(key)).toBe('launch-a');
    expect(store.take(key)).toBeUndefined();
    expect(store.peek(key)).toBeUndefined();
  });

  it('expire after their lifetime, even if never claimed', () => {
    let now = 1_000;
    const store = new LaunchStore<string>(600_000, () => now);
    const key = store.put('launch');
    now += 599_999;
    expect(store.peek(key)).toBe('launch');
    now += 1;
    expect(store.take(key)).toBeUndefined();
  });

  it('hold a bounded number: the oldest goes first, expired ones are swept', () => {
    let now = 0;
    const store = new LaunchStore<number>(1000, () => now, 3);
    const first = store.put(1);
    const second = store.put(2);
    store.put(3);
    store.put(4);
    expect(store.size).toBe(3);
    expect(store.peek(first)).toBeUndefined();
    expect(store.peek(second)).toBe(2);
    now += 1000;
    store.put(5);
    expect(store.size).toBe(1);
  });

  it('recognise only their own key shape', () => {
    expect(isLaunchKey('a'.repeat(43))).toBe(true);
    expect(isLaunchKey('a'.repeat(42))).toBe(false);
    expect(isLaunchKey(`${'a'.repeat(42)}/`)).toBe(false);
    expect(isLaunchKey('../../etc/passwd')).toBe(false);
  });
});
