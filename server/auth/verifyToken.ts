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
import { VerifiedTokens } from './verifiedTokens';

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

/** Seconds of disagreement allowed between our clock and the IdP's. */
const CLOCK_TOLERANCE_SECONDS = 30;
/** What `idp.maxTokenAgeSeconds` is when a region does not set it (see config/schema.ts). */
export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 43_200;
/** How long a checked token is reused without checking its signature (verifiedTokens.ts). */
const VERIFIED_TOKEN_TTL_MS = 60_000;
/** Some thousands of users at work at once: a few MB of tokens at most. */
const VERIFIED_TOKEN_ENTRIES = 5_000;

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

  const maxAge = idp.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;
  const verified = new VerifiedTokens({
    ttlMs: VERIFIED_TOKEN_TTL_MS,
    maxEntries: VERIFIED_TOKEN_ENTRIES,
    clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
    maxTokenAgeSeconds: maxAge,
  });
  return async (token) => {
    const known = verified.get(token, Date.now());
    if (known !== undefined) return known;
    let payload: JWTPayload;
    try {
      const keys = await getKeySet();
      // maxTokenAge makes `iat` required and refuses one too old or in the future.
      ({ payload } = await jwtVerify(token, keys, {
        issuer: idp.issuer,
        audience: idp.audience,
        algorithms: ASYMMETRIC_ALGS,
        requiredClaims: ['exp', 'sub', 'iat'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        maxTokenAge: maxAge,
      }));
    } catch (err) {
      // An unexpired token issued that long ago claims more life than any token may have.
      if (err instanceof joseErrors.JWTExpired) {
        throw err.claim === 'iat' ? unrecognisedToken() : expiredToken();
      }
      if (TOKEN_ERRORS.some((cls) => err instanceof cls)) throw unrecognisedToken();
      throw idpUnreachable();
    }
    // A token that claims a century of life (a misconfigured IdP, a test tool pointed at
    // the wrong realm) is a theft that never ends: its signature holds, its lifetime does
    // not. jose bounds `iat`, not `exp - iat`.
    if ((payload.exp ?? Infinity) - (payload.iat ?? -Infinity) > maxAge) throw unrecognisedToken();
    verified.remember(token, payload, Date.now());
    return payload;
  };
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i);
  return match?.[1] ?? null;
}
