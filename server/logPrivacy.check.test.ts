// Run last by `npm test`, once the integration and end-to-end suites have driven the test
// stack: every line the gateway wrote while patients and professionals logged in, searched,
// opened studies, consented and broke the glass is read, and none may hold a token, an INS,
// a local patient number, a name or a birth date. Logs leave the machine (support tickets,
// a hosting provider's collector): patient data must never be in them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATIENTS } from '../dev/demo-identities';
import { LOCAL_IDS } from '../dev/sample-data/plan';
import { readStackInfo } from '../dev/stack/stackInfo';

/** A JWT: three base64url parts, the first two JSON (`eyJ` is `{"`). */
const TOKEN = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/;

function forbiddenWords(): Array<{ what: string; pattern: RegExp }> {
  const words: Array<{ what: string; pattern: RegExp }> = [];
  const exact = (what: string, value: string) =>
    words.push({
      what,
      pattern: new RegExp(
        `(?<![A-Za-z0-9])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`,
        'i',
      ),
    });
  for (const p of PATIENTS) {
    if (p.ins) exact(`INS of ${p.key}`, p.ins);
    exact(`family name of ${p.key}`, p.familyName);
    exact(`given name of ${p.key}`, p.givenName);
    exact(`birth date of ${p.key}`, p.birthDate);
  }
  for (const [key, ids] of Object.entries(LOCAL_IDS)) {
    for (const id of Object.values(ids)) exact(`local number of ${key}`, id);
  }
  return words;
}

describe('the gateway log of this test run', () => {
  it('holds no token, identifier, name or birth date of anyone', () => {
    const stack = readStackInfo();
    const file = path.join(path.dirname(process.env.DRIM_STACK_FILE ?? ''), 'logs', 'gateway.log');
    expect(path.dirname(file)).toContain(stack.profile);
    const lines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    // A run that logged nothing proves nothing: the suites send thousands of requests.
    expect(lines.length).toBeGreaterThan(500);
    const words = forbiddenWords();
    const found: string[] = [];
    for (const [n, line] of lines.entries()) {
      if (TOKEN.test(line)) found.push(`line ${n + 1}: a token`);
      for (const { what, pattern } of words) {
        if (pattern.test(line)) found.push(`line ${n + 1}: ${what}`);
      }
    }
    expect(found).toEqual([]);
  });
});
