// Builds the SPA only when its sources changed, so later `npm run demo` runs stay fast.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../stack-layout';

const INPUTS = ['src', 'public', 'build', 'index.html', 'vite.config.ts', 'package-lock.json'];

function hashInputs(): string {
  const hash = crypto.createHash('sha256');
  const visit = (p: string): void => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) visit(path.join(p, name));
    } else {
      hash.update(path.relative(REPO_ROOT, p));
      hash.update(fs.readFileSync(p));
    }
  };
  for (const input of INPUTS) visit(path.join(REPO_ROOT, input));
  return hash.digest('hex');
}

/**
 * Each stack builds into its own folder: two stacks (a demo and a test run, or two
 * engineers) rebuilding one shared dist/ would serve each other half-written files.
 */
export function buildSpaIfStale(outDir: string, log: (m: string) => void): void {
  const stamp = path.join(outDir, '.source-hash');
  const wanted = hashInputs();
  const current = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8') : '';
  if (current === wanted && fs.existsSync(path.join(outDir, 'index.html'))) {
    log('viewer build is up to date');
    return;
  }
  log('building the viewer (vite build)…');
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--logLevel',
      'warn',
      '--emptyOutDir',
      '--outDir',
      outDir,
    ],
    { cwd: REPO_ROOT, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('vite build failed (see above)');
  fs.writeFileSync(stamp, wanted);
  log(`viewer built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
