// The gateway process:
//   node --import tsx server/main.ts --config FILE --port N [--host H] [--static DIR]
//        [--key-secret-file FILE]   (32+ random bytes that seal opaque URL keys)
//        [--data-dir DIR]           (SQLite storage's folder; in memory without it)
//        [--metrics-port N]         (/metrics on 127.0.0.1:N; overrides gateway.metricsPort, so
//                                    that several gateways on one machine share one region.json)
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { buildGateway } from './app';
import { ConfigError, loadRegionConfig } from './config/loadConfig';

interface Options {
  config: string;
  port: number;
  host: string;
  staticDir?: string;
  keySecretFile?: string;
  dataDir?: string;
  metricsPort?: number;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      static: { type: 'string' },
      'key-secret-file': { type: 'string' },
      'data-dir': { type: 'string' },
      'metrics-port': { type: 'string' },
    },
    strict: true,
  });
  const config = values.config ?? process.env.DRIM_CONFIG;
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!config) throw new ConfigError('Option --config (ou DRIM_CONFIG) manquante.');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('Option --port invalide : entier entre 0 et 65535 attendu.');
  }
  const staticDir = values.static ?? process.env.DRIM_STATIC_DIR;
  const keySecretFile = values['key-secret-file'] ?? process.env.DRIM_KEY_SECRET_FILE;
  const dataDir = values['data-dir'] ?? process.env.DRIM_DATA_DIR;
  const metricsPortText = values['metrics-port'] ?? process.env.DRIM_METRICS_PORT;
  const metricsPort = metricsPortText === undefined ? undefined : Number(metricsPortText);
  if (
    metricsPort !== undefined &&
    !(Number.isInteger(metricsPort) && metricsPort >= 1 && metricsPort <= 65535)
  ) {
    throw new ConfigError('Option --metrics-port invalide : entier entre 1 et 65535 attendu.');
  }
  return {
    config,
    port,
    host: values.host ?? '127.0.0.1',
    ...(staticDir ? { staticDir } : {}),
    ...(keySecretFile ? { keySecretFile } : {}),
    ...(dataDir ? { dataDir } : {}),
    ...(metricsPort !== undefined ? { metricsPort } : {}),
  };
}

async function main(): Promise<void> {
  let options: ReturnType<typeof readOptions>;
  let config: ReturnType<typeof loadRegionConfig>;
  try {
    options = readOptions();
    config = loadRegionConfig(options.config);
    if (options.metricsPort !== undefined) {
      config = {
        ...config,
        gateway: {
          trustProxy: false,
          ...config.gateway,
          metricsPort: options.metricsPort,
        },
      };
    }
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : String(err));
    process.exit(2);
  }

  let keySecret: Buffer | undefined;
  if (options.keySecretFile) {
    try {
      keySecret = fs.readFileSync(options.keySecretFile);
    } catch {
      console.error(`Secret des liens illisible : ${options.keySecretFile}`);
      process.exit(2);
    }
    if (keySecret.length < 32) {
      console.error(`Secret des liens trop court (32 octets au moins) : ${options.keySecretFile}`);
      process.exit(2);
    }
  } else {
    console.warn('Pas de --key-secret-file : les liens (clés opaques) expireront au redémarrage.');
  }

  if (!options.dataDir && config.storage?.kind !== 'postgresql') {
    console.warn('Pas de --data-dir : consentements et traces d’accès seront perdus à l’arrêt.');
  }
  let app: Awaited<ReturnType<typeof buildGateway>>;
  try {
    app = await buildGateway({
      config,
      staticDir: options.staticDir,
      logger: true,
      keySecret,
      dataDir: options.dataDir,
    });
  } catch (err) {
    // Typically the database: unreachable, refused password, a migration that failed.
    console.error(
      `La passerelle ne peut pas démarrer : ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exit(1);
  }
  const address = await app.listen({ port: options.port, host: options.host });
  console.log(`drim-viewer gateway ready at ${address} (${config.sources.length} sources)`);
  const metricsPort = config.gateway?.metricsPort;
  if (metricsPort !== undefined) console.log(`metrics at http://127.0.0.1:${metricsPort}/metrics`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    // Open streams must not hold the process hostage.
    const force = setTimeout(() => process.exit(0), 5000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('Échec du démarrage de la passerelle :', err instanceof Error ? err.message : err);
  process.exit(1);
});
