import { describe, expect, it } from 'vitest';
import {
  EMPTY_REGISTRY,
  identifiersForKey,
  randomPatientKey,
  registerPatient,
} from './patientKeyRegistry';

const INS = { issuer: '1.2.250.1.213.1.4.10', id: '185057800608491' };
const LOCAL = { issuer: 'CHRU-NANCY', id: 'P000123' };

function sequence(...keys: string[]): () => string {
  let i = 0;
  return () => keys[i++] ?? 'exhausted';
}

describe('patient key registry', () => {
  it('maps an opaque key to the identifiers and back', () => {
    const { registry, key } = registerPatient(
      EMPTY_REGISTRY,
      [INS, LOCAL],
      sequence('aaaaaaaaaaaaaaaa'),
    );
    expect(key).toBe('aaaaaaaaaaaaaaaa');
    expect(key).not.toContain(INS.id);
    expect(identifiersForKey(registry, key)).toEqual([INS, LOCAL]);
    expect(identifiersForKey(registry, 'bbbbbbbbbbbbbbbb')).toBeUndefined();
    expect(identifiersForKey(registry, null)).toBeUndefined();
  });

  it('reuses the key of the same patient, whatever the order of identifiers', () => {
    const first = registerPatient(EMPTY_REGISTRY, [INS, LOCAL], sequence('aaaaaaaaaaaaaaaa'));
    const again = registerPatient(first.registry, [LOCAL, INS], sequence('cccccccccccccccc'));
    expect(again.key).toBe('aaaaaaaaaaaaaaaa');
    expect(again.registry).toBe(first.registry);
  });

  it('does not mutate the previous registry', () => {
    const first = registerPatient(EMPTY_REGISTRY, [INS], sequence('aaaaaaaaaaaaaaaa'));
    registerPatient(first.registry, [LOCAL], sequence('bbbbbbbbbbbbbbbb'));
    expect(first.registry.byKey.size).toBe(1);
    expect(EMPTY_REGISTRY.byKey.size).toBe(0);
  });

  it('skips a colliding or unusable key, and fails loudly on a broken generator', () => {
    const first = registerPatient(EMPTY_REGISTRY, [INS], sequence('aaaaaaaaaaaaaaaa'));
    const second = registerPatient(
      first.registry,
      [LOCAL],
      sequence('aaaaaaaaaaaaaaaa', 'no', 'dddddddddddddddd'),
    );
    expect(second.key).toBe('dddddddddddddddd');
    expect(() => registerPatient(first.registry, [LOCAL], () => 'aaaaaaaaaaaaaaaa')).toThrow();
  });

  it('makes 32 hex characters from random bytes', () => {
    const key = randomPatientKey((b) => b.fill(171));
    expect(key).toBe('ab'.repeat(16));
  });
});
