// The inline scripts of index.html the CSP lets run, by their hash: the build writes one,
// the launch's first step (build/inlineLaunchSignIn.ts). Read from the very file served, so
// a rebuilt page and its policy never disagree; inert JSON blocks need none.
import crypto from 'node:crypto';

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const EXECUTED_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module']);

function typeOf(attributes: string): string {
  const match = /\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
  return (match?.[1] ?? match?.[2] ?? match?.[3] ?? '').trim().toLowerCase();
}

/** CSP source expressions ('sha256-…') of the scripts `html` runs inline. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const [, attributes = '', body = ''] of html.matchAll(SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes) || !EXECUTED_TYPES.has(typeOf(attributes))) continue;
    hashes.push(`'sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}
