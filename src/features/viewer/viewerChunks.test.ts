import { describe, expect, it } from 'vitest';
import { viewerChunkPaths } from './viewerChunks';

describe('viewerChunkPaths', () => {
  it('keeps the build’s chunk paths', () => {
    expect(
      viewerChunkPaths('["/assets/prepareViewer-CvAIURzF.js","/assets/a.min-B_v-.js"]'),
    ).toEqual(['/assets/prepareViewer-CvAIURzF.js', '/assets/a.min-B_v-.js']);
  });

  it.each([
    ['no list (dev server)', undefined],
    ['not JSON', '<b>x</b>'],
    ['not a list', '{"a":1}'],
  ])('preloads nothing with %s', (_label, json) => {
    expect(viewerChunkPaths(json)).toEqual([]);
  });

  it('drops anything but a same-origin script of assets/', () => {
    expect(
      viewerChunkPaths(
        JSON.stringify([
          'https://evil.example/x.js',
          '//evil.example/x.js',
          '/assets/../api/keys.js',
          '/assets/x.css',
          '/assets/x.js?y',
          42,
          '/assets/ok.js',
        ]),
      ),
    ).toEqual(['/assets/ok.js']);
  });
});
