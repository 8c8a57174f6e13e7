// The prebuilt OHIF viewer our launch path is measured against: `@ohif/app`'s published
// dist/, fetched once from the npm registry with `npm pack` (which checks the registry's
// integrity hash) into bench/.cache/, never a dependency of the project.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../dev/stack-layout';

export const OHIF_VERSION = '3.13.2';
export const CACHE_DIR = path.join(REPO_ROOT, 'bench', '.cache');

export interface OhifBuild {
  dist: string;
  /** As its package.json says. */
  version: string;
}

/** The unpacked dist/ of @ohif/app@OHIF_VERSION, fetched and unpacked the first time. */
export function ohifBuild(log: (m: string) => void = console.log): OhifBuild {
  const dir = path.join(CACHE_DIR, `ohif-app-${OHIF_VERSION}`);
  const dist = path.join(dir, 'package', 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const tarball = path.join(CACHE_DIR, `ohif-app-${OHIF_VERSION}.tgz`);
    if (!fs.existsSync(tarball)) {
      log(
        `fetching @ohif/app@${OHIF_VERSION} with npm pack into ${path.relative(REPO_ROOT, CACHE_DIR)}/…`,
      );
      execFileSync(
        'npm',
        ['pack', `@ohif/app@${OHIF_VERSION}`, '--pack-destination', CACHE_DIR, '--silent'],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
    }
    // Unpacked beside, then moved in place: an interrupted unpack is never taken for a build.
    const partial = `${dir}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial, { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', partial, 'package/dist', 'package/package.json']);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(partial, dir);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package', 'package.json'), 'utf8')) as {
    version: string;
  };
  return { dist, version: pkg.version };
}
