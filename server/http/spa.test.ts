import { describe, expect, it } from 'vitest';
import type { PublicConfig } from '../../src/domain/publicConfig';
import { indexWithConfig } from './spa';

const config = (name: string): PublicConfig => ({
  region: { name },
  idp: { issuer: 'https://idp.example', clientId: 'drim-viewer', scope: 'openid' },
  sources: [],
});

const page = '<!doctype html><html><head><title>x</title></head><body></body></html>';

describe('index.html with the settings inside', () => {
  it('cannot be closed or broken out of by what a setting contains', () => {
    const hostile = '</script><script>alert(1)</script><!-- & \u2028\u2029 > ';
    const html = indexWithConfig(page, config(hostile));
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<!--');
    const json = /id="drim-config">(.*)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(json)).toEqual(config(hostile));
  });

  it('goes at the end of the head, or first when there is none', () => {
    const html = indexWithConfig(page, config('Grand Est'));
    expect(html.startsWith('<!doctype html><html><head><title>x</title><script')).toBe(true);
    expect(html.endsWith('</script></head><body></body></html>')).toBe(true);
    expect(indexWithConfig('<p>bare</p>', config('Grand Est'))).toMatch(/^<script .*<p>bare<\/p>$/);
  });
});
