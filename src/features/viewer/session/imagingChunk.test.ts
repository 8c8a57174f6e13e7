// warmViewer() and a study's session share one run of Cornerstone's chunk: a launch that
// warmed the viewer leaves the session nothing to evaluate or start again.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const prepareViewer = vi.fn(() => Promise.resolve());
vi.mock('../prepareViewer', () => ({ prepareViewer, viewerImaging: { marker: 'imaging' } }));

beforeEach(() => {
  vi.resetModules();
  prepareViewer.mockClear();
});

describe('Cornerstone’s chunk', () => {
  it('runs once for warmViewer() and the session that follows', async () => {
    const { warmViewer } = await import('../warmViewer');
    const { loadImagingChunk } = await import('./imagingChunk');
    warmViewer();
    const start = await loadImagingChunk();
    await start.started;
    expect(await loadImagingChunk()).toBe(start);
    expect(start.imaging).toEqual({ marker: 'imaging' });
    expect(prepareViewer).toHaveBeenCalledTimes(1);
  });
});
