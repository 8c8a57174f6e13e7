import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes } from './inlineScripts';
import { securityHeaders } from './securityHeaders';

const sha = (text: string) =>
  `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('the inline scripts the CSP lets run', () => {
  it('are the executed inline ones, hashed over their exact text', () => {
    const html = [
      '<head><meta charset="UTF-8" />',
      '<script>(function(){ go("é"); })();</script>',
      '<script type="module" src="/assets/main.js"></script>',
      '<script type="application/json" id="cfg">{"a":1}</script>',
      "<script type='module'>\n  start();\n</script>",
      '</head>',
    ].join('\n');
    expect(inlineScriptHashes(html)).toEqual([
      sha('(function(){ go("é"); })();'),
      sha('\n  start();\n'),
    ]);
    expect(inlineScriptHashes('<p>no script</p>')).toEqual([]);
  });

  it('are named in script-src, beside the gateway’s own origin', () => {
    const hashes = inlineScriptHashes('<script>go()</script>');
    const csp = securityHeaders('https://idp.example', hashes).find(
      ([name]) => name.toLowerCase() === 'content-security-policy',
    )?.[1];
    const scriptSrc = csp?.split(';').find((d) => d.trim().startsWith('script-src'));
    expect(scriptSrc?.trim().split(/\s+/)).toEqual([
      'script-src',
      "'self'",
      "'wasm-unsafe-eval'",
      hashes[0],
    ]);
  });
});
