// Writes the launch's first step (src/features/launch/api/launchSignInStart.ts) into
// index.html as an inline script, first in <head>: a page the IdP sent back with a code
// hands it in while the app's modules are still on their way, instead of after they ran.
// The gateway allows exactly this script by its hash in the CSP (server/http/inlineScripts.ts).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { Plugin } from 'vite';

export const LAUNCH_START_MODULE = 'src/features/launch/api/launchSignInStart.ts';

/** The module as one classic script that runs it on `window`: its exports stay private. */
export function inlineLaunchScript(source: string): string {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      removeComments: true,
    },
  });
  if (/<\/script/i.test(outputText)) throw new Error('inline launch script would close its tag');
  return `(function(exports){${outputText}\nexports.beginLaunchSignIn(window);})({});`;
}

/** Right after the charset, before any stylesheet an inline script would wait for. */
export function withLaunchScript(html: string, script: string): string {
  const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(html);
  if (!charset)
    throw new Error('index.html has no <meta charset>: nowhere to put the launch script');
  const at = charset.index + charset[0].length;
  return `${html.slice(0, at)}\n    <script>${script}</script>${html.slice(at)}`;
}

export function inlineLaunchSignIn(root: string): Plugin {
  return {
    name: 'drim-inline-launch-sign-in',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const source = fs.readFileSync(path.join(root, LAUNCH_START_MODULE), 'utf8');
        return withLaunchScript(html, inlineLaunchScript(source));
      },
    },
  };
}
