import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INLINE_ANSWER } from '../src/domain/launch/inlineAnswer.ts';
import { inlineLaunchScript, LAUNCH_START_MODULE, withLaunchScript } from './inlineLaunchSignIn.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const source = fs.readFileSync(path.join(ROOT, LAUNCH_START_MODULE), 'utf8');
const KEY = 'Kr3C_edAVQePb_xqUCohTfWVq36jQaJEMqp5yu4rF7w';

/** A page as the gateway writes it for a launch it signs in itself (server/launch/launchPage.ts). */
interface PageWithAnswer {
  /** The block's text once the page has ended; undefined: the page holds no block. */
  block?: string;
}

/** A stand-in document: announcing an answer or not, and ending when `end()` is called. */
function documentOf(page: PageWithAnswer | null) {
  let readyState = 'loading';
  let removed = false;
  const listeners: (() => void)[] = [];
  const doc = {
    get readyState() {
      return readyState;
    },
    querySelector: (selector: string) =>
      page && selector === `meta[name="${INLINE_ANSWER}"]` ? {} : null,
    getElementById: (id: string) =>
      id === INLINE_ANSWER && page?.block !== undefined && !removed && readyState !== 'loading'
        ? { textContent: page.block, remove: () => (removed = true) }
        : null,
    addEventListener: (type: string, listener: () => void) => {
      if (type === 'DOMContentLoaded') listeners.push(listener);
    },
  };
  return {
    doc,
    end: () => {
      readyState = 'interactive';
      for (const listener of listeners) listener();
    },
    removed: () => removed,
  };
}

/** Runs the inline script as the browser would, on a stand-in window. */
function runOn(href: string, page: PageWithAnswer | null = null) {
  const url = new URL(href);
  const asked: string[] = [];
  const replaced: string[] = [];
  const marks: string[] = [];
  const document = documentOf(page);
  const win: Record<string, unknown> = {
    document: document.doc,
    location: { pathname: url.pathname, search: url.search },
    performance: { mark: (name: string) => marks.push(name) },
    history: { replaceState: (_s: unknown, _t: string, to: string) => replaced.push(to) },
    fetch: async (to: string) => {
      asked.push(to);
      return new Response('{}');
    },
  };
  new Function('window', inlineLaunchScript(source))(win);
  return { win, asked, replaced, marks, document };
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
      'document',
      'fetch',
      'history',
      'location',
      'performance',
    ]);
  });

  it('reads the answer the gateway wrote into the page once the page has ended, and takes it out', async () => {
    const page = runOn(`https://viewer.example/auth/launch?code=c&state=${KEY}`, {
      block: '{"tokens":{"access_token":"at"}}',
    });
    expect(page.replaced).toEqual([`/launch/${KEY}`]);
    // The code was handed in by the page's own request: it is not handed in again.
    expect(page.asked).toEqual([]);
    let answer: unknown = 'not yet';
    void (page.win.__drimLaunchSignIn as { answer: Promise<unknown> }).answer.then((a) => {
      answer = a;
    });
    await Promise.resolve();
    expect(answer).toBe('not yet');
    page.document.end();
    await Promise.resolve();
    expect(answer).toEqual({ tokens: { access_token: 'at' } });
    expect(page.document.removed()).toBe(true);
  });

  it('takes a page whose answer is missing or unreadable as no answer (the page signs in itself)', async () => {
    for (const written of [{}, { block: '{"tokens":' }, { block: 'null' }]) {
      const page = runOn(`https://viewer.example/auth/launch?code=c&state=${KEY}`, written);
      page.document.end();
      await expect(
        (page.win.__drimLaunchSignIn as { answer: Promise<unknown> }).answer,
      ).resolves.toBeNull();
      expect(page.asked).toEqual([]);
    }
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
