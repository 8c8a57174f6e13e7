// The region's settings, read once at start-up before anything else renders: without
// them there is no IdP to log in with and no source to show. The gateway writes them into
// index.html (server/http/spa.ts), so signing in starts at the first script; /config.json
// is the way for a page served without them.
import { INLINE_CONFIG_ID, type PublicConfig } from '../domain/publicConfig';
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

/** The settings index.html carries, if it carries valid ones; otherwise `null`. */
export function readInlineConfig(
  doc: Pick<Document, 'getElementById'> = document,
): PublicConfig | null {
  const element = doc.getElementById(INLINE_CONFIG_ID);
  if (element?.tagName !== 'SCRIPT' || element.getAttribute('type') !== 'application/json') {
    return null;
  }
  try {
    return parsePublicConfig(JSON.parse(element.textContent ?? ''));
  } catch (error) {
    // /config.json will say what is wrong, in words an administrator can act on.
    console.warn('inline configuration ignored', error);
    return null;
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
