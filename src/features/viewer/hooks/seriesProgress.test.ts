import { describe, expect, it, vi } from 'vitest';
import { createSeriesProgressStore } from './seriesProgress';

describe('createSeriesProgressStore', () => {
  it('tells the listeners of one series only, and keeps the newest value', () => {
    const store = createSeriesProgressStore();
    const a = vi.fn();
    const b = vi.fn();
    store.subscribe('1.2.3', a);
    store.subscribe('4.5.6', b);
    store.set('1.2.3', { loaded: 10, failed: 0, total: 320 });
    store.set('1.2.3', { loaded: 20, failed: 1, total: 320 });
    expect(a).toHaveBeenCalledTimes(2);
    expect(b).not.toHaveBeenCalled();
    expect(store.get('1.2.3')).toEqual({ loaded: 20, failed: 1, total: 320 });
    expect(store.get('4.5.6')).toBeUndefined();
  });

  it('stops telling a listener once it unsubscribed', () => {
    const store = createSeriesProgressStore();
    const a = vi.fn();
    const stop = store.subscribe('1.2.3', a);
    const other = vi.fn();
    store.subscribe('1.2.3', other);
    stop();
    store.set('1.2.3', { loaded: 1, failed: 0, total: 2 });
    expect(a).not.toHaveBeenCalled();
    expect(other).toHaveBeenCalledTimes(1);
  });
});
