// The French texts read as French health software writes: one apostrophe (’, never '),
// plural and agreement through i18next's rules and the sex a source gives, never
// « examen(s) » or « né(e) ». Every string of the French tree is checked, so a new text
// that slips fails here rather than on a user's screen.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, path: string[] = []): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[[...path, key].join('.'), value]] : leaves(value, [...path, key]),
  );
}

const french = leaves(fr as unknown as Tree);
const english = leaves(en as unknown as Tree);

describe('French texts', () => {
  it('are all checked (the tree is read)', () => {
    expect(french.length).toBeGreaterThan(300);
  });

  it('use the typographic apostrophe only', () => {
    const straight = french.filter(([, text]) => text.includes("'"));
    expect(straight, "write ’ (U+2019) instead of '").toEqual([]);
  });

  it('never write a plural or an agreement in brackets', () => {
    // « examen(s) », « affiché(e)s », « né(e) », « introuvable(s) »…
    const bracketed = french.filter(([, text]) => /\p{L}\((?:s|e|es|x|nt|e\)s)\)/u.test(text));
    expect(bracketed, 'use i18next plural keys (_one/_other) or the sex').toEqual([]);
  });

  it('give every plural its other form, in both languages', () => {
    for (const [name, tree] of [
      ['fr', french],
      ['en', english],
    ] as const) {
      const keys = new Set(tree.map(([key]) => key));
      const missing = [...keys]
        .filter((key) => key.endsWith('_one'))
        .map((key) => key.replace(/_one$/, '_other'))
        .filter((key) => !keys.has(key));
      expect(missing, `${name}: _one without _other`).toEqual([]);
    }
  });

  it('a plural key is chosen by count (i18next’s French rules: 0 and 1 are singular)', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'fr',
      resources: { fr: { translation: fr } },
      interpolation: { escapeValue: false },
    });
    expect(i18n.t('launch.problem.missingUids', { count: 1, values: '1.2.3' })).toBe(
      'Identifiant d’examen introuvable : 1.2.3.',
    );
    expect(i18n.t('launch.problem.missingUids', { count: 2, values: '1.2.3, 1.2.4' })).toBe(
      'Identifiants d’examen introuvables : 1.2.3, 1.2.4.',
    );
    expect(i18n.t('studies.list.undated', { count: 1 })).toMatch(/^1 examen sans date reste/);
    expect(i18n.t('studies.list.undated', { count: 3 })).toMatch(/^3 examens sans date restent/);
  });
});
