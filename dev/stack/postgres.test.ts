import { describe, expect, it } from 'vitest';
import { stackLayout } from '../stack-layout';
import { asClusterOwner, dropOwnedDatabasesSql, provisioningSql, stackSettings } from './postgres';

const layout = stackLayout('region', 25080).postgres;

describe("the stack's PostgreSQL", () => {
  it('listens on loopback only, at base+8, with its socket in the stack folder', () => {
    const settings = stackSettings(layout);
    expect(layout.port).toBe(25088);
    expect(settings).toContain('port = 25088');
    expect(settings).toContain("listen_addresses = '127.0.0.1'");
    expect(settings).toContain(`unix_socket_directories = '${layout.socketDir}'`);
    expect(layout.socketDir.startsWith(stackLayout('region', 25080).dir)).toBe(true);
    expect(layout.url).toBe('postgresql://drim@127.0.0.1:25088/drim');
    expect(layout.url).not.toMatch(/:[^@/]*@/);
  });

  it('keeps every acknowledged commit', () => {
    const settings = stackSettings(layout);
    for (const on of ['fsync = on', 'synchronous_commit = on', 'full_page_writes = on']) {
      expect(settings).toContain(on);
    }
  });

  it('writes no statement, parameter or DETAIL line (they quote patient data)', () => {
    const settings = stackSettings(layout);
    expect(settings).toContain("log_statement = 'none'");
    expect(settings).toContain('log_min_error_statement = panic');
    expect(settings).toContain('log_error_verbosity = terse');
    expect(settings).toContain('log_parameter_max_length_on_error = 0');
  });

  it('gives the role its database and the right to create throw-away ones', () => {
    const sql = provisioningSql(layout, 'abc_DEF-123');
    expect(sql).toContain('CREATE ROLE drim LOGIN CREATEDB');
    expect(sql).toContain("ALTER ROLE drim LOGIN CREATEDB PASSWORD 'abc_DEF-123';");
    expect(sql).toContain('CREATE DATABASE drim OWNER drim');
    expect(sql).toContain('ON_ERROR_STOP');
    expect(() => provisioningSql(layout, "x'; DROP ROLE postgres; --")).toThrow();
  });

  it("empties the test cluster by dropping the role's databases only", () => {
    const sql = dropOwnedDatabasesSql(layout);
    expect(sql).toContain("WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = 'drim')");
    expect(sql).toContain('DROP DATABASE %I WITH (FORCE)');
    expect(sql).toContain('\\gexec');
  });

  it('runs the binaries as the postgres system user when started as root', () => {
    expect(asClusterOwner('/usr/lib/postgresql/15/bin/initdb', ['-D', '/d'], true)).toEqual([
      'runuser',
      ['-u', 'postgres', '--', '/usr/lib/postgresql/15/bin/initdb', '-D', '/d'],
    ]);
    expect(asClusterOwner('/usr/lib/postgresql/15/bin/initdb', ['-D', '/d'], false)).toEqual([
      '/usr/lib/postgresql/15/bin/initdb',
      ['-D', '/d'],
    ]);
  });
});
