import { describe, expect, it } from 'vitest';
import {
  balancerConfig,
  cacheConfig,
  INSTANCE_LOCATION,
  QIDO_LOCATION,
  routeFamilyMap,
  type CacheOptions,
} from './nginx';

const common = {
  prefix: '/srv/stack/nginx/x',
  errorLog: '/srv/stack/logs/x-error.log',
  accessLog: '/srv/stack/logs/x-access.log',
};

const gateways = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ host: '127.0.0.1', port: 25120 + i }));

const cacheOptions = (over: Partial<CacheOptions> = {}): CacheOptions => ({
  ...common,
  statusPort: 25130,
  cacheDir: '/srv/stack/nginx-cache',
  maxBytes: 64 * 1024 * 1024,
  sources: [
    { id: 'drimbox-nancy', listenPort: 25131, upstream: '127.0.0.1:25110' },
    { id: 'archive-regionale', listenPort: 25132, upstream: '127.0.0.1:25111' },
  ],
  ...over,
});

/** The directives of the first block opened by a line starting with `opening`. */
function block(config: string, opening: string): string {
  const lines = config.split('\n');
  const start = lines.findIndex((l) => l.trim().startsWith(opening));
  if (start < 0) throw new Error(`no block ${opening}`);
  let depth = 0;
  const out: string[] = [];
  for (const line of lines.slice(start)) {
    out.push(line);
    depth += (line.match(/{/g) ?? []).length - (line.match(/}/g) ?? []).length;
    if (depth === 0) break;
  }
  return out.join('\n');
}

/** The server block listening on `port`. */
function server(config: string, port: number): string {
  const at = config.indexOf(`listen 127.0.0.1:${port};`);
  const open = config.lastIndexOf('server {', at);
  return block(config.slice(open), 'server {');
}

/** An nginx regex location (`~ re`) as a JavaScript RegExp: the patterns use the common subset. */
const locationRegExp = (location: string): RegExp => new RegExp(location.replace(/^~ /, ''));

describe('the balancer', () => {
  it('lists every gateway, round robin, with a passive health check', () => {
    const config = balancerConfig({ ...common, listenPort: 25080, gateways: gateways(3) });
    const upstream = block(config, 'upstream drim_gateways');
    const servers = upstream.split('\n').filter((l) => l.trim().startsWith('server '));
    expect(servers.map((l) => l.trim())).toEqual([
      'server 127.0.0.1:25120 max_fails=1 fail_timeout=10s;',
      'server 127.0.0.1:25121 max_fails=1 fail_timeout=10s;',
      'server 127.0.0.1:25122 max_fails=1 fail_timeout=10s;',
    ]);
    // Round robin is nginx's default: any other method would be named in the block.
    expect(upstream).not.toMatch(/least_conn|ip_hash|hash |random/);
    expect(config).toContain('listen 127.0.0.1:25080;');
  });

  it('moves only idempotent requests, and only when the gateway itself failed', () => {
    const config = balancerConfig({ ...common, listenPort: 25080, gateways: gateways(2) });
    const next = /proxy_next_upstream ([^;]+);/.exec(config)?.[1];
    expect(next).toBe('error timeout');
    // A gateway's 502/503 speaks of a source: retrying it elsewhere would eject every
    // gateway as soon as one site is down.
    expect(next).not.toMatch(/http_50\d|non_idempotent/);
    expect(config).toContain('proxy_next_upstream_tries 2;');
  });

  it('tells the gateways who the client is, without trusting what the client said', () => {
    const config = balancerConfig({ ...common, listenPort: 25080, gateways: gateways(2) });
    expect(config).toContain('proxy_set_header X-Forwarded-For $remote_addr;');
    expect(config).not.toContain('$proxy_add_x_forwarded_for');
    expect(config).toContain('proxy_set_header X-Forwarded-Proto $scheme;');
    expect(config).toContain('proxy_set_header X-Forwarded-Host $http_host;');
    expect(config).toContain('proxy_set_header Host $http_host;');
    // proxy_set_header is inherited only by levels that set none: keep-alive must be here.
    expect(block(config, 'location /')).toContain('proxy_set_header Connection "";');
  });

  it('never spills an answer to disk', () => {
    const config = balancerConfig({ ...common, listenPort: 25080, gateways: gateways(2) });
    expect(config).toContain('proxy_max_temp_file_size 0;');
    expect(
      balancerConfig({ ...common, listenPort: 1, gateways: gateways(1), buffering: false }),
    ).toContain('proxy_buffering off;');
  });

  it('refuses a balancer without gateways, and text that could break out of a directive', () => {
    expect(() => balancerConfig({ ...common, listenPort: 25080, gateways: [] })).toThrow();
    expect(() =>
      balancerConfig({
        ...common,
        listenPort: 25080,
        gateways: [{ host: '127.0.0.1; include /etc/passwd', port: 1 }],
      }),
    ).toThrow(/unexpected characters/);
  });
});

describe('the shared cache', () => {
  it('keys an answer by source, path with query, and the negotiated media type', () => {
    const config = cacheConfig(cacheOptions());
    const nancy = server(config, 25131);
    const key = /proxy_cache_key "([^"]+)";/.exec(nancy)?.[1] ?? '';
    expect(key.split('|')).toEqual([
      'drimbox-nancy',
      '$request_uri',
      '$http_accept',
      '$http_accept_encoding',
    ]);
    expect(server(config, 25132)).toContain('proxy_cache_key "archive-regionale|');
  });

  it('never caches a search by default, and caches it for the time asked otherwise', () => {
    const qido = block(server(cacheConfig(cacheOptions()), 25131), `location ${QIDO_LOCATION}`);
    expect(qido).toContain('proxy_cache off;');
    expect(qido).not.toContain('proxy_cache_valid');
    const cached = block(
      server(cacheConfig(cacheOptions({ qidoTtlSeconds: 30 })), 25131),
      `location ${QIDO_LOCATION}`,
    );
    expect(cached).toContain('proxy_cache drim_cache;');
    expect(cached).toContain('proxy_cache_valid 200 30s;');
  });

  it('caches retrieve answers: instances for long, study and series metadata for less', () => {
    const nancy = server(cacheConfig(cacheOptions()), 25131);
    const instance = block(nancy, `location ${INSTANCE_LOCATION}`);
    expect(instance).toContain('proxy_cache drim_cache;');
    expect(instance).toContain(`proxy_cache_valid 200 ${30 * 24 * 3600}s;`);
    const rest = block(nancy, 'location / {');
    expect(rest).toContain('proxy_cache_valid 200 600s;');
    // Only successes: a study not arrived yet (404) or a failing source (5xx) is asked again.
    expect(nancy).not.toMatch(/proxy_cache_valid (any|404|5\d\d)/);
    // Each source's own upstream.
    expect(instance).toContain('proxy_pass http://drim_source_0;');
    expect(block(server(cacheConfig(cacheOptions()), 25132), 'location / {')).toContain(
      'proxy_pass http://drim_source_1;',
    );
  });

  it('sends searches to the search location and retrieves to the cached ones', () => {
    // nginx tries regex locations in order, then the prefix `/`.
    const route = (uri: string): string =>
      locationRegExp(QIDO_LOCATION).test(uri)
        ? 'search'
        : locationRegExp(INSTANCE_LOCATION).test(uri)
          ? 'instance'
          : 'series';
    const base = '/dicom-web/studies/1.2/series/3.4';
    expect(route('/dicom-web/studies')).toBe('search');
    expect(route('/dicom-web/series')).toBe('search');
    expect(route('/dicom-web/instances')).toBe('search');
    expect(route('/dicom-web/studies/1.2/series')).toBe('search');
    expect(route(`${base}/instances`)).toBe('search');
    expect(route(`${base}/instances/5.6/frames/1,2`)).toBe('instance');
    expect(route(`${base}/instances/5.6/bulk/7FE00010`)).toBe('instance');
    expect(route(`${base}/instances/5.6/rendered`)).toBe('instance');
    expect(route(`${base}/instances/5.6/metadata`)).toBe('instance');
    expect(route(`${base}/instances/5.6`)).toBe('instance');
    expect(route(`${base}/metadata`)).toBe('series');
    expect(route('/dicom-web/studies/1.2/metadata')).toBe('series');
    expect(route(base)).toBe('series');
  });

  it('is bounded on disk, makes one upstream request per concurrent miss, says HIT or MISS', () => {
    const config = cacheConfig(cacheOptions());
    expect(config).toMatch(
      /proxy_cache_path \/srv\/stack\/nginx-cache .*max_size=67108864 .*use_temp_path=off;/,
    );
    expect(config).toContain('proxy_cache_lock on;');
    expect(config).toContain('add_header X-Cache-Status $upstream_cache_status always;');
    expect(/log_format drim_cache '([^']+)'/.exec(config)?.[1]).toContain('$upstream_cache_status');
    expect(() => cacheConfig(cacheOptions({ maxBytes: 1000 }))).toThrow();
  });

  it('lets Orthanc write URLs the gateway recognises, and keeps an unreachable source unanswered', () => {
    const nancy = server(cacheConfig(cacheOptions()), 25131);
    expect(nancy).toContain('proxy_set_header Host $http_host;');
    expect(nancy).toContain('error_page 502 504 = @unreachable;');
    expect(block(nancy, 'location @unreachable')).toContain('return 444;');
  });
});

describe('the logs of both roles', () => {
  const configs = [
    balancerConfig({ ...common, listenPort: 25080, gateways: gateways(2) }),
    cacheConfig(cacheOptions()),
  ];

  it('never hold a path or a query (UIDs, searched identifiers)', () => {
    for (const config of configs) {
      const formats = [...config.matchAll(/log_format \w+ '([^']+)'/g)].map((m) => m[1]);
      expect(formats).toHaveLength(1);
      expect(formats[0]).not.toMatch(/\$(uri|request_uri|request|args|query_string|arg_\w+)\b/);
      expect(formats[0]).toContain('$drim_route');
      // nginx's [error] lines quote the request line: only critical ones are written.
      expect(config).toMatch(/error_log \S+ crit;/);
    }
  });

  it('name the route family of a path, first match first', () => {
    const map = routeFamilyMap()
      .map((l) => /^\s*"~([^"]+)" (\w+);$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ re: new RegExp(m[1] ?? ''), name: m[2] }));
    const family = (uri: string): string => map.find((f) => f.re.test(uri))?.name ?? 'other';
    const base = '/dicom-web/studies/1.2/series/3.4';
    expect(family(`${base}/instances/5.6/frames/1`)).toBe('frames');
    expect(family(`${base}/instances/5.6/bulk/7FE00010`)).toBe('bulk');
    expect(family(`${base}/instances/5.6/rendered`)).toBe('rendered');
    expect(family(`${base}/metadata`)).toBe('metadata');
    expect(family('/dicom-web/studies')).toBe('search');
    expect(family(`${base}/instances`)).toBe('search');
    expect(family(`${base}/instances/5.6`)).toBe('instance');
    expect(family(base)).toBe('retrieve');
    expect(family('/api/consents')).toBe('api');
    expect(family('/assets/index-abc.js')).toBe('static');
    expect(family('/')).toBe('other');
  });
});
