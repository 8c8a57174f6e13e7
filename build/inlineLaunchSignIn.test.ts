import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineLaunchScript, LAUNCH_START_MODULE, withLaunchScript } from './inlineLaunchSignIn.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const source = fs.readFileSync(path.join(ROOT, LAUNCH_START_MODULE), 'utf8');
const KEY = 'Kr3C_edAVQePb_xqUCohTfWVq36jQaJEMqp5yu4rF7w';

/** Runs the inline script as the browser would, on a stand-in window. */
function runOn(href: string) {
  const url = new URL(href);
  const asked: string[] = [];
  const replaced: string[] = [];
  const marks: string[] = [];
  const win: Record<string, unknown> = {
    location: { pathname: url.pathname, search: url.search },
    performance: { mark: (name: string) => marks.push(name) },
    history: { replaceState: (_s: unknown, _t: string, to: string) => replaced.push(to) },
    fetch: async (to: string) => {
      asked.push(to);
      return new Response('{}');
    },
  };
  new Function('window', inlineLaunchScript(source))(win);
  return { win, asked, replaced, marks };
}

describe('the launch’s first step, inline in index.html', () => {
  it('runs on its own: on the IdP’s way back it replaces the address and hands the code in', () => {
    const page = runOn(`https://viewer.example/auth/launch?code=c&state=${KEY}`);
    expect(page.replaced).toEqual([`/launch/${KEY}`]);
    expect(page.asked).toEqual([`/api/launch/${KEY}/sign-in`]);
    expect(page.win.__drimLaunchSignIn).toMatchObject({ key: KEY });
    // Where the launch bench's timeline starts, named without any identifier.
    expect(page.marks).toEqual(['drim:launch:inline']);
    // Nothing of the module leaks into the page's globals but the answer.
    expect(Object.keys(page.win).sort()).toEqual([
      '__drimLaunchSignIn',
      'fetch',
      'history',
      'location',
      'performance',
    ]);
  });

  it('does nothing on any other page', () => {
    const page = runOn(`https://viewer.example/study/abc?code=c&state=${KEY}`);
    expect(page.replaced).toEqual([]);
    expect(page.asked).toEqual([]);
    expect(page.marks).toEqual([]);
    expect(page.win.__drimLaunchSignIn).toBeUndefined();
  });

  it('is written right after the charset, and refuses a page without one', () => {
    const html = '<html><head><meta charset="UTF-8" /><title>x</title></head></html>';
    expect(withLaunchScript(html, 'go()')).toBe(
      '<html><head><meta charset="UTF-8" />\n    <script>go()</script><title>x</title></head></html>',
    );
    expect(() => withLaunchScript('<html><head></head></html>', 'go()')).toThrow(/charset/);
  });

  it('refuses a script that would close its own tag', () => {
    expect(() => inlineLaunchScript('export const s = "</script>";')).toThrow(/close its tag/);
  });
});
