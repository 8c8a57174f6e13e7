// CLI of the demo IdP, as the launcher starts it (docs/CONTRACTS.md, "Processes"):
//   node --import tsx dev/idp/main.ts --port P --issuer http://localhost:P --gateway http://localhost:G --data DIR
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startIdp } from './server';

const USAGE =
  'usage: node --import tsx dev/idp/main.ts --port P --issuer http://localhost:P --gateway http://localhost:G --data DIR [--access-token-ttl SECONDS] [--short-token-ttl SECONDS] [--dev-server-origin http://localhost:V]';

function fail(message: string): never {
  console.error(`idp: ${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      issuer: { type: 'string' },
      gateway: { type: 'string' },
      data: { type: 'string' },
      'access-token-ttl': { type: 'string' },
      // Test stacks only: the account medecin-jeton-court, with tokens this short.
      'short-token-ttl': { type: 'string' },
      // Demo and test stacks: the Vite dev server (`npm run dev:spa`) may log users in too.
      'dev-server-origin': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) fail('--port must be a TCP port');
  if (!values.issuer || !URL.canParse(values.issuer)) fail('--issuer must be a URL');
  if (!values.gateway || !URL.canParse(values.gateway)) fail('--gateway must be a URL');
  if (!values.data) fail('--data is required');
  const ttl = values['access-token-ttl'] === undefined ? 600 : Number(values['access-token-ttl']);
  if (!Number.isInteger(ttl) || ttl <= 0) fail('--access-token-ttl must be a positive integer');
  const shortTtl =
    values['short-token-ttl'] === undefined ? undefined : Number(values['short-token-ttl']);
  if (shortTtl !== undefined && (!Number.isInteger(shortTtl) || shortTtl <= 0))
    fail('--short-token-ttl must be a positive integer');
  const devServer = values['dev-server-origin'];
  if (devServer !== undefined && !URL.canParse(devServer))
    fail('--dev-server-origin must be a URL');

  const idp = await startIdp({
    port,
    issuer: values.issuer,
    gatewayUrl: values.gateway,
    dataDir: path.resolve(values.data),
    accessTokenTtlSeconds: ttl,
    ...(shortTtl !== undefined ? { shortTokenTtlSeconds: shortTtl } : {}),
    ...(devServer !== undefined ? { devServerOrigin: devServer } : {}),
    log: (m) => console.log(`idp: ${m}`),
  });
  console.log(`idp: ready at ${idp.url} (client drim-viewer, gateway ${values.gateway})`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`idp: ${signal}, stopping`);
    idp.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  console.error(`idp: failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
