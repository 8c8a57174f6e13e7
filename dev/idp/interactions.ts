// Our login step, in place of oidc-provider's development interactions. The viewer is a
// first-party client: the scopes it asks for are granted at login, with no consent screen.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { DemoUser } from '../demo-identities';
import { GATEWAY_AUDIENCE, authenticate } from './accounts';
import { errorPage, loginPage } from './pages';

export const SUPPORTED_SCOPES = ['openid', 'profile', 'drim'];
const MAX_FORM_BYTES = 8 * 1024;

function send(res: ServerResponse, status: number, html: string, csp: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_FORM_BYTES) throw new Error('form too large');
    chunks.push(buf);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function requestedScopes(params: Record<string, unknown>): string[] {
  const asked = typeof params.scope === 'string' ? params.scope.split(' ') : [];
  return asked.filter((s) => SUPPORTED_SCOPES.includes(s));
}

async function grantFirstParty(
  provider: Provider,
  accountId: string,
  params: Record<string, unknown>,
  existingGrantId?: string,
): Promise<string> {
  const grant =
    (existingGrantId ? await provider.Grant.find(existingGrantId) : undefined) ??
    new provider.Grant({ accountId, clientId: String(params.client_id) });
  const scopes = requestedScopes(params);
  grant.addOIDCScope(scopes);
  grant.addResourceScope(GATEWAY_AUDIENCE, scopes);
  return grant.save();
}

export function createInteractionHandler(
  provider: Provider,
  /** Where the SPA is served: the gateway, and the Vite dev server when the IdP allows it. */
  appOrigins: readonly string[],
  log: (m: string) => void,
  users: readonly DemoUser[],
) {
  // Chrome applies form-action to the redirects that follow a submission, and a successful
  // login ends on the SPA's callback.
  const csp = `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${appOrigins.join(' ')}; frame-ancestors 'none'; base-uri 'none'`;

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(path);
    if (!match) {
      send(res, 404, errorPage({ code: 'invalid_request' }), csp);
      return;
    }
    const [, uid, login] = match;
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const action = `/interaction/${uid}/login`;

    if (details.prompt.name === 'consent') {
      // Reached only if the grant made at login did not cover a later request.
      const accountId = details.session?.accountId;
      if (!accountId) throw new Error('consent without a session');
      const grantId = await grantFirstParty(provider, accountId, details.params, details.grantId);
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    if (details.prompt.name !== 'login') {
      send(res, 400, errorPage({ code: 'invalid_request' }), csp);
      return;
    }

    if (req.method === 'GET' && !login) {
      send(res, 200, loginPage({ action }), csp);
      return;
    }
    if (req.method !== 'POST' || !login) {
      send(res, 405, errorPage({ code: 'invalid_request' }), csp);
      return;
    }

    const form = await readForm(req);
    const username = form.get('username') ?? '';
    const user = authenticate(username, form.get('password') ?? '', users);
    if (!user) {
      // 200 with the form again: the browser keeps the page, the identifier stays filled in.
      send(res, 200, loginPage({ action, username, error: true }), csp);
      return;
    }
    const grantId = await grantFirstParty(provider, user.username, details.params);
    const result: InteractionResults = {
      login: { accountId: user.username, amr: ['pwd'] },
      consent: { grantId },
    };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }

  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    try {
      await handle(req, res, path);
    } catch (e) {
      // Usually an expired or foreign interaction cookie; the details stay out of the page.
      const name = (e as { name?: string }).name ?? 'Error';
      const code = name === 'SessionNotFound' ? 'session_not_found' : 'server_error';
      if (code === 'server_error') log(`interaction error: ${name}`);
      if (!res.headersSent)
        send(res, code === 'server_error' ? 500 : 400, errorPage({ code }), csp);
      else res.end();
    }
  };
}
