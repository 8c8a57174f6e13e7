import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetOtherSample, markSampleLoaded, sampleFingerprint } from './sampleMarker';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-marker-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('sample marker of an Orthanc storage', () => {
  it('keeps storage loaded from the same sample', () => {
    const storage = tempDir();
    fs.writeFileSync(path.join(storage, 'index'), 'db');
    markSampleLoaded(storage, 'abc');
    expect(forgetOtherSample(storage, 'abc')).toBe(false);
    expect(fs.existsSync(path.join(storage, 'index'))).toBe(true);
  });

  it('empties storage loaded from another sample', () => {
    const storage = tempDir();
    fs.writeFileSync(path.join(storage, 'index'), 'db');
    markSampleLoaded(storage, 'old');
    expect(forgetOtherSample(storage, 'new')).toBe(true);
    expect(fs.readdirSync(storage)).toEqual([]);
  });

  it('empties storage without a marker, and leaves an empty one alone', () => {
    const unmarked = tempDir();
    fs.writeFileSync(path.join(unmarked, 'index'), 'db');
    expect(forgetOtherSample(unmarked, 'x')).toBe(true);
    expect(forgetOtherSample(tempDir(), 'x')).toBe(false);
    expect(forgetOtherSample(path.join(tempDir(), 'missing'), 'x')).toBe(false);
  });

  it('names a sample by its manifest bytes', () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.json');
    const b = path.join(dir, 'b.json');
    fs.writeFileSync(a, '{"generatorVersion":"5"}');
    fs.writeFileSync(b, '{"generatorVersion":"6"}');
    expect(sampleFingerprint(a)).toBe(sampleFingerprint(a));
    expect(sampleFingerprint(a)).not.toBe(sampleFingerprint(b));
  });
});
