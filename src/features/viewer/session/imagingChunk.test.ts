// Every study's session of a page (the route's, each compared prior's) shares one run of
// Cornerstone's chunk; a chunk that did not come (the network) is asked again by the next.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const prepareViewer = vi.fn(() => Promise.resolve());

beforeEach(() => {
  vi.resetModules();
  vi.doUnmock('../prepareViewer');
  prepareViewer.mockClear();
});

describe('Cornerstone’s chunk', () => {
  it('runs once for every session of the page', async () => {
    vi.doMock('../prepareViewer', () => ({ prepareViewer, viewerImaging: { marker: 'imaging' } }));
    const { loadImagingChunk } = await import('./imagingChunk');
    const first = loadImagingChunk();
    const second = loadImagingChunk();
    const start = await first;
    await start.started;
    expect(await second).toBe(start);
    expect(await loadImagingChunk()).toBe(start);
    expect(start.imaging).toEqual({ marker: 'imaging' });
    expect(prepareViewer).toHaveBeenCalledTimes(1);
  });

  it('is asked again after a chunk that did not come', async () => {
    vi.doMock('../prepareViewer', () => {
      throw new Error('the chunk did not come');
    });
    const { loadImagingChunk } = await import('./imagingChunk');
    await expect(loadImagingChunk()).rejects.toThrow();
    vi.doMock('../prepareViewer', () => ({ prepareViewer, viewerImaging: { marker: 'imaging' } }));
    const start = await loadImagingChunk();
    await start.started;
    expect(start.imaging).toEqual({ marker: 'imaging' });
    expect(prepareViewer).toHaveBeenCalledTimes(1);
  });
});
