import { describe, expect, it } from 'vitest';
import type { GatewayDatabase } from '../storage/database';
import { openSqlite } from '../storage/sqliteDatabase';
import { isLaunchKey, LaunchStore } from './launchStore';

const INS = '2580375123456';

describe('pending launches', () => {
  it('are handed out once, under a random key that says nothing', async () => {
    const store = new LaunchStore<string>(await openSqlite(), 'launch');
    const key = await store.put('launch-a');
    expect(isLaunchKey(key)).toBe(true);
    expect(await store.put('launch-b')).not.toBe(key);
    expect(await store.peek(key)).toBe('launch-a');
    expect(await store.take(key)).toBe('launch-a');
    expect(await store.take(key)).toBeUndefined();
    expect(await store.peek(key)).toBeUndefined();
  });

  it('are given to one of two claims made at the same instant', async () => {
    const store = new LaunchStore<string>(await openSqlite(), 'launch');
    const key = await store.put('launch');
    const both = await Promise.all([store.take(key), store.take(key)]);
    expect(both.filter((v) => v !== undefined)).toEqual(['launch']);
  });

  it('are kept sealed: the database holds neither the key nor the patient', async () => {
    const db = await openSqlite();
    const store = new LaunchStore<{ ins: string }>(db, 'launch');
    const key = await store.put({ ins: INS });
    const rows = await db.all<{ id: string; sealed: string }>('SELECT id, sealed FROM launches');
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(INS);
    expect(Buffer.from(rows[0]!.sealed, 'base64').toString('latin1')).not.toContain(INS);
  });

  it('are refused when altered in the database, and never open under another purpose', async () => {
    const db = await openSqlite();
    const launches = new LaunchStore<string>(db, 'launch');
    const errorPages = new LaunchStore<string>(db, 'error-page');
    const key = await launches.put('launch');
    expect(await errorPages.peek(key)).toBeUndefined();
    const { sealed } = (await db.get<{ sealed: string }>('SELECT sealed FROM launches'))!;
    const bytes = Buffer.from(sealed, 'base64');
    bytes[20] = bytes[20]! ^ 1;
    await db.run('UPDATE launches SET sealed = ?', [bytes.toString('base64')]);
    expect(await launches.peek(key)).toBeUndefined();
  });

  it('expire after their lifetime, even if never claimed', async () => {
    let now = 1_000;
    const store = new LaunchStore<string>(await openSqlite(), 'launch', 600_000, () => now);
    const key = await store.put('launch');
    now += 599_999;
    expect(await store.peek(key)).toBe('launch');
    now += 1;
    expect(await store.take(key)).toBeUndefined();
  });

  it('hold a bounded number: the oldest goes first, expired ones are swept', async () => {
    let now = 0;
    const db: GatewayDatabase = await openSqlite();
    const store = new LaunchStore<number>(db, 'launch', 1000, () => now, 3);
    const first = await store.put(1);
    now += 1;
    const second = await store.put(2);
    now += 1;
    await store.put(3);
    now += 1;
    await store.put(4);
    expect(await store.size()).toBe(3);
    expect(await store.peek(first)).toBeUndefined();
    expect(await store.peek(second)).toBe(2);
    now += 1000;
    await store.put(5);
    expect(await db.all('SELECT id FROM launches')).toHaveLength(1);
  });

  it('recognise only their own key shape', () => {
    expect(isLaunchKey('a'.repeat(43))).toBe(true);
    expect(isLaunchKey('a'.repeat(42))).toBe(false);
    expect(isLaunchKey(`${'a'.repeat(42)}/`)).toBe(false);
    expect(isLaunchKey('../../etc/passwd')).toBe(false);
  });
});
