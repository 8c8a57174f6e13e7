// sha256 of every file below a folder, by relative path: how the determinism tests
// compare two generations byte for byte.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else
        out.set(
          r,
          createHash('sha256')
            .update(fs.readFileSync(path.join(dir, r)))
            .digest('hex'),
        );
    }
  };
  walk('');
  return out;
}
