// Access-token verification against the regional IdP's published keys. Every failure is
// sorted into "the token is bad" (401, the user signs in again) or "we could not check"
// (503, the IdP is down): a user must never be told to reconnect because the IdP is down.
import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { GatewayError } from '../errors';
import type { RegionConfig } from '../config/schema';
import { discoverIdp, IDP_FETCH_TIMEOUT_MS } from './idpDiscovery';

// Asymmetric only: with HS* anyone knowing a shared secret (or a confused JWKS) could mint tokens.
const ASYMMETRIC_ALGS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

const CHALLENGE = 'Bearer realm="drim-viewer"';

export const missingToken = (): GatewayError =>
  new GatewayError(401, 'unauthorized', 'Connexion requise.', { 'www-authenticate': CHALLENGE });

const expiredToken = (): GatewayError =>
  new GatewayError(401, 'unauthorized', 'Session expirée, reconnectez-vous.', {
    'www-authenticate': `${CHALLENGE}, error="invalid_token", error_description="expired"`,
  });

const unrecognisedToken = (): GatewayError =>
  new GatewayError(401, 'unauthorized', 'Jeton non reconnu.', {
    'www-authenticate': `${CHALLENGE}, error="invalid_token"`,
  });

const idpUnreachable = (): GatewayError =>
  new GatewayError(
    503,
    'idp_unreachable',
    'Le service d’identification ne répond pas : impossible de vérifier votre session pour le moment.',
    { 'retry-after': '10' },
  );

const TOKEN_ERRORS = [
  joseErrors.JWTClaimValidationFailed,
  joseErrors.JWSInvalid,
  joseErrors.JWTInvalid,
  joseErrors.JWSSignatureVerificationFailed,
  joseErrors.JWKSNoMatchingKey,
  joseErrors.JWKSMultipleMatchingKeys,
  joseErrors.JOSEAlgNotAllowed,
  joseErrors.JOSENotSupported,
  joseErrors.JWKInvalid,
];

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

/** `jwksUri` names where the keys are when the config does not: the gateway's IdpDiscoveryCache. */
export function createTokenVerifier(
  idp: RegionConfig['idp'],
  jwksUri: () => Promise<URL> = () => discoverIdp(idp.issuer).then((d) => d.jwksUri),
): TokenVerifier {
  let keySet: Promise<JWTVerifyGetKey> | null = null;
  const getKeySet = (): Promise<JWTVerifyGetKey> => {
    keySet ??= (idp.jwksUri ? Promise.resolve(new URL(idp.jwksUri)) : jwksUri())
      .then((uri) => createRemoteJWKSet(uri, { timeoutDuration: IDP_FETCH_TIMEOUT_MS }))
      .catch((err: unknown) => {
        // Retry discovery on the next request rather than caching the outage.
        keySet = null;
        throw err;
      });
    return keySet;
  };

  return async (token) => {
    try {
      const keys = await getKeySet();
      const { payload } = await jwtVerify(token, keys, {
        issuer: idp.issuer,
        audience: idp.audience,
        algorithms: ASYMMETRIC_ALGS,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 30,
      });
      return payload;
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw expiredToken();
      if (TOKEN_ERRORS.some((cls) => err instanceof cls)) throw unrecognisedToken();
      throw idpUnreachable();
    }
  };
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i);
  return match?.[1] ?? null;
}
