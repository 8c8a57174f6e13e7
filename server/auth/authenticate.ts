// The gate in front of /api and /dicomweb: a verified token with a usable role, or a
// refusal the SPA can act on (401 → sign in again, 403 → this account cannot use it).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, GatewayError, sendError } from '../errors';
import { principalFromClaims, type Principal } from './principal';
import { bearerToken, missingToken, type TokenVerifier } from './verifyToken';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export type AuthHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export function makeAuthenticate(verify: TokenVerifier): AuthHook {
  // A token reused from the verifier's memory comes back as the same claims object: its
  // principal is read once, not at each of a study's hundreds of requests.
  const principals = new WeakMap<object, Principal | null>();
  const principalOfClaims = (claims: Record<string, unknown>): Principal | null => {
    if (principals.has(claims)) return principals.get(claims) ?? null;
    const principal = principalFromClaims(claims);
    // Shared by every request of the token: nobody may change it for the others.
    if (principal?.kind === 'professional' && principal.identity) Object.freeze(principal.identity);
    principals.set(claims, principal && Object.freeze(principal));
    return principal;
  };
  return async (request, reply) => {
    try {
      const token = bearerToken(request.headers.authorization);
      if (!token) throw missingToken();
      const claims = await verify(token);
      const principal = principalOfClaims(claims);
      if (!principal) {
        throw forbidden('Votre compte n’a pas de rôle permettant d’accéder aux examens.');
      }
      request.principal = principal;
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err;
      await sendError(reply, err);
    }
  };
}

/** For handlers behind the hook: the hook guarantees a principal. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('route registered without authentication');
  return request.principal;
}
