// POST /api/keys seals a patient or study reference for the URL; GET /api/keys/:key opens
// it for the same user. Values are small JSON the SPA defines (identifiers, UIDs).
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { GatewayError } from '../errors';
import { isKeyKind, type OpaqueKeys } from './opaqueKeys';

const MAX_VALUE_BYTES = 4096;

export async function opaqueKeyRoutes(
  app: FastifyInstance,
  opts: { authenticate: onRequestHookHandler; keys: OpaqueKeys },
): Promise<void> {
  const subjectOf = (principal: { sub: string } | null): string => {
    if (!principal) throw new GatewayError(401, 'unauthorized', 'Connexion requise.');
    return principal.sub;
  };

  app.post('/api/keys', { onRequest: opts.authenticate }, async (request) => {
    const body = request.body as { kind?: unknown; value?: unknown } | null;
    if (!body || typeof body !== 'object' || !isKeyKind(body.kind) || body.value === undefined) {
      throw new GatewayError(
        400,
        'bad_request',
        'Demande de clé invalide : « kind » et « value » attendus.',
      );
    }
    if (Buffer.byteLength(JSON.stringify(body.value)) > MAX_VALUE_BYTES) {
      throw new GatewayError(400, 'bad_request', 'Valeur trop longue pour une clé de lien.');
    }
    return { key: opts.keys.seal(subjectOf(request.principal), body.kind, body.value) };
  });

  app.get<{ Params: { key: string } }>(
    '/api/keys/:key',
    { onRequest: opts.authenticate },
    async (request, reply) => {
      const opened = opts.keys.open(subjectOf(request.principal), request.params.key);
      if (!opened) {
        throw new GatewayError(
          404,
          'unknown_key',
          'Ce lien n’est plus valable (expiré, ou créé par un autre utilisateur) : refaites la recherche.',
        );
      }
      return reply.header('cache-control', 'no-store').send(opened);
    },
  );
}
