// The region's settings, fetched once at start-up before anything else renders: without
// them there is no IdP to log in with and no source to show.
import type { PublicConfig } from '../domain/publicConfig';
import {
  ConfigShapeError,
  parsePublicConfig,
  type ConfigExpectation,
} from '../domain/publicConfigGuard';

export const CONFIG_URL = '/config.json';

export type ConfigProblem =
  | { kind: 'network' }
  | { kind: 'http'; status: number }
  | { kind: 'json' }
  | { kind: 'shape'; path: string; expected: ConfigExpectation };

export class ConfigLoadError extends Error {
  readonly problem: ConfigProblem;

  constructor(problem: ConfigProblem, options?: { cause?: unknown }) {
    super(`${CONFIG_URL}: ${problem.kind}`, options);
    this.name = 'ConfigLoadError';
    this.problem = problem;
  }
}

export async function loadConfig(fetchImpl: typeof fetch = fetch): Promise<PublicConfig> {
  let response: Response;
  let text: string;
  try {
    // no-store: a region that fixes its config must not wait for a browser cache to expire.
    response = await fetchImpl(CONFIG_URL, {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
    });
    text = await response.text();
  } catch (error) {
    throw new ConfigLoadError({ kind: 'network' }, { cause: error });
  }
  if (!response.ok) throw new ConfigLoadError({ kind: 'http', status: response.status });

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigLoadError({ kind: 'json' }, { cause: error });
  }
  try {
    return parsePublicConfig(json);
  } catch (error) {
    if (error instanceof ConfigShapeError) {
      throw new ConfigLoadError(
        { kind: 'shape', path: error.path, expected: error.expected },
        { cause: error },
      );
    }
    throw error;
  }
}
