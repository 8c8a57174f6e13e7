// A stand-in OIDC issuer for tests: discovery + JWKS on a loopback port, and a signer.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type CryptoKey } from 'jose';

export interface FakeIdp {
  issuer: string;
  audience: string;
  sign(
    claims: JWTPayload,
    opts?: {
      expiresIn?: string | number;
      issuer?: string;
      /** Seconds since the epoch; `null` leaves `iat` out; absent, now. */
      issuedAt?: number | null;
    },
  ): Promise<string>;
  /** Makes discovery and JWKS answer 503, as an IdP being restarted would. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export async function startFakeIdp(audience = 'urn:drim-viewer:gateway'): Promise<FakeIdp> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  let down = false;
  let issuer = '';
  const server = http.createServer((req, res) => {
    if (down) {
      res.writeHead(503).end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(
        JSON.stringify({
          issuer,
          jwks_uri: `${issuer}/jwks`,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
        }),
      );
    } else if (req.url === '/jwks') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    audience,
    sign: (claims, opts = {}) =>
      signWith(privateKey, 'test-key', claims, {
        issuer: opts.issuer ?? issuer,
        audience,
        expiresIn: opts.expiresIn ?? '5m',
        ...(opts.issuedAt !== undefined ? { issuedAt: opts.issuedAt } : {}),
      }),
    setDown: (d) => {
      down = d;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function signWith(
  key: CryptoKey,
  kid: string,
  claims: JWTPayload,
  opts: { issuer: string; audience: string; expiresIn: string | number; issuedAt?: number | null },
): Promise<string> {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(opts.issuer)
    .setAudience(opts.audience)
    .setExpirationTime(opts.expiresIn);
  if (opts.issuedAt !== null) jwt.setIssuedAt(opts.issuedAt);
  return jwt.sign(key);
}
