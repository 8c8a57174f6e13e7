// Opens a study in the viewer as a given user: a token for that user is fetched node-side
// (opaque keys are bound to the token's subject), the gateway seals a study key, and the
// browser — logged in as the same user through the real IdP page — goes to /study/<key>.
import type { Page } from '@playwright/test';
import { loginWithPassword } from '../../dev/idp/login-client';
import { readStackInfo } from '../../dev/stack/stackInfo';
import { loginThroughIdp } from './login';

/** A minute's margin: a slow run must not send a token that ends on its way. */
const RENEW_BEFORE_MS = 60_000;
const tokens = new Map<string, Promise<{ accessToken: string; endsAt: number }>>();

export async function accessTokenFor(username: string): Promise<string> {
  let token = tokens.get(username);
  // A worker can outlive a token (a long run on a busy machine): ask for a new one then.
  if (token && (await token).endsAt - RENEW_BEFORE_MS < Date.now()) token = undefined;
  if (!token) {
    const stack = readStackInfo();
    token = loginWithPassword({
      idpUrl: stack.idpUrl,
      username,
      password: 'demo',
      redirectUri: `${stack.gatewayUrl}/auth/callback`,
    }).then((t) => ({ accessToken: t.accessToken, endsAt: Date.now() + t.expiresIn * 1000 }));
    tokens.set(username, token);
  }
  return (await token).accessToken;
}

export async function studyKeyFor(
  username: string,
  studyInstanceUID: string,
  sourceIds: string[],
  /** Whom the study is opened for, as a list row seals it; none as a bare link does. */
  identifiers?: readonly { issuer: string; id: string }[],
): Promise<string> {
  const stack = readStackInfo();
  const res = await fetch(`${stack.gatewayUrl}/api/keys`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await accessTokenFor(username)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      kind: 'study',
      value: {
        studyInstanceUID,
        sourceIds,
        ...(identifiers
          ? { patient: { identifiers: identifiers.map(({ issuer, id }) => ({ issuer, id })) } }
          : {}),
      },
    }),
  });
  if (!res.ok) throw new Error(`POST /api/keys: HTTP ${res.status} ${await res.text()}`);
  const { key } = (await res.json()) as { key: string };
  return key;
}

/** Logs the page in (once per page) and opens the study. */
export async function openStudyAs(
  page: Page,
  username: string,
  study: { studyInstanceUID: string; sourceIds: string[] },
  options: { loggedIn?: boolean } = {},
): Promise<void> {
  const key = await studyKeyFor(username, study.studyInstanceUID, study.sourceIds);
  if (!options.loggedIn) await loginThroughIdp(page, username);
  await page.goto(`/study/${key}`);
}
