// Context launches (issue 5). A GP's browser arrives from the DPI without a token — by an
// IHE IID link or the DRIMbox contextual POST — so the launch is parsed here, kept under a
// random, single-use, short-lived key, and the browser is sent on (303) to /launch/{key}:
// the INS and the name never stay in its address bar or history. After login, the SPA
// claims the launch once with its token; only then does anyone learn what it holds.
//
// Nothing from a launch is logged but codes and parameter names (logging.ts already logs
// route patterns, never query strings).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LaunchError } from '../../src/domain/launch/launchError';
import { principalOf, type AuthHook } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { forbidden, GatewayError } from '../errors';
import {
  LAUNCH_FAILED_TITLE,
  launchErrorPage,
  WHAT_TO_DO_AFTER_BAD_LINK,
  type ShownError,
} from './errorPage';
import type { LookupLaunchedStudy } from './claimLookup';
import type { GatewayDatabase } from '../storage/database';
import type { SignInTokens } from '../../src/domain/launch/signInTokens';
import type { IdpEndpoints } from '../../src/domain/publicConfig';
import type { RegionConfig } from '../config/schema';
import {
  authorizeUrl,
  BINDING_COOKIE,
  bindingCookie,
  bindingMatches,
  cookieValue,
  exchangeLaunchCode,
  LaunchSignInFailure,
  MAX_CODE_LENGTH,
  pageBindingCookie,
  startLaunchSignIn,
} from './launchSignIn';
import { isLaunchKey, LAUNCH_TTL_MS, LaunchStore } from './launchStore';
import {
  readContextualCall,
  readIidLaunch,
  type LaunchAudience,
  type LaunchParse,
  type PendingLaunch,
} from './pendingLaunch';

export const IID_PATH = '/IHEInvokeImageDisplay';
/** The same IID request when it comes from a patient's Mon Espace Santé link. */
export const PATIENT_LINK_IID_PATH = '/lien-patient/IHEInvokeImageDisplay';
export const CONTEXTUAL_CALL_PATH = '/api/conso/parameters';
export const LAUNCH_ERROR_PATH = '/ouverture-impossible';

const MAX_FORM_BYTES = 64 * 1024;

export interface LaunchRoutesOptions {
  authenticate: AuthHook;
  /** Tests pass their own, with a clock. */
  /** Where launches wait for their claim: the gateways' shared database. */
  launches: LaunchStore<PendingLaunch>;
  errorPages: LaunchStore<ShownError[]>;
  /** Looks a STUDY launch's exam up at claim time (claimLookup.ts); absent, the browser does. */
  lookup?: LookupLaunchedStudy;
  /**
   * Launches signed in on their way in (launchSignIn.ts), when the region's IdP accepts
   * /auth/launch; `endpoints` are the IdP's as discovered (absent: the page signs in itself).
   */
  signIn?: { idp: RegionConfig['idp']; endpoints: () => IdpEndpoints | undefined };
}

const noLongerValid = (): GatewayError =>
  new GatewayError(
    404,
    'not_found',
    'Ce lien d’ouverture n’est plus valable : il a déjà servi, ou il a expiré (10 minutes). Relancez l’ouverture depuis votre logiciel.',
  );

/** Why this user may not open this launch; undefined when they may. */
function refusal(principal: Principal, launch: PendingLaunch): string | undefined {
  if (principal.kind === 'professional') {
    return launch.audience === 'patient'
      ? 'Ce lien est destiné au patient lui-même (Mon Espace Santé) : il ne s’ouvre pas avec un compte professionnel. Recherchez le patient depuis l’accueil.'
      : undefined;
  }
  if (launch.audience !== 'patient') {
    return 'Ce lien d’ouverture est destiné à un professionnel de santé : il ne s’ouvre pas avec un compte patient. Vos propres examens sont sur votre page d’accueil.';
  }
  const own =
    launch.patient !== undefined &&
    launch.patient.id === principal.ins &&
    launch.patient.issuer === principal.insOid;
  return own
    ? undefined
    : 'Ce lien concerne un autre patient que vous : il ne s’ouvre pas avec votre compte. Vos propres examens sont sur votre page d’accueil.';
}

/**
 * The wording that quotes nothing received: the error page is read without login, by
 * whoever holds its address, and the contextual call's answer may be shown or kept by the
 * DPI. Parameter, problem and who can fix it are enough to act on.
 */
const shown = (errors: readonly LaunchError[]): ShownError[] =>
  errors.map((e) => ({ parameter: e.parameter, message: e.messageWithoutValue }));

/** Codes and names only: messages quote received values, which may be an INS. */
function logOutcome(request: FastifyRequest, what: string, parse: LaunchParse): void {
  if (parse.ok) {
    request.log.info(
      { launch: what, audience: parse.launch.audience, warnings: parse.warnings },
      'launch accepted',
    );
  } else {
    request.log.info(
      { launch: what, errors: parse.errors.map((e) => ({ code: e.code, parameter: e.parameter })) },
      'launch refused',
    );
  }
}

function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('cache-control', 'no-store').header('location', location).send();
}

/** The origin the browser sees (behind a trusted proxy, its X-Forwarded-* say it). */
function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function rawQuery(request: FastifyRequest): string {
  const url = request.raw.url ?? '';
  const at = url.indexOf('?');
  return at === -1 ? '' : url.slice(at + 1);
}

/** The two stores the routes need, in the gateways' shared database. */
export function launchStoresIn(
  db: GatewayDatabase,
): Pick<LaunchRoutesOptions, 'launches' | 'errorPages'> {
  return {
    launches: new LaunchStore<PendingLaunch>(db, 'launch'),
    errorPages: new LaunchStore<ShownError[]>(db, 'error-page'),
  };
}

export async function launchRoutes(app: FastifyInstance, opts: LaunchRoutesOptions): Promise<void> {
  const { launches, errorPages, signIn } = opts;

  // The DPI's form, read as ordered pairs: a repeated field must stay visible to the parser.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: MAX_FORM_BYTES },
    (_request, body, done) => {
      done(null, Array.from(new URLSearchParams(String(body))));
    },
  );

  /** To the SPA's launch page, through the IdP when it may sign the launch in on the way. */
  const sendOnTheWay = async (
    request: FastifyRequest,
    reply: FastifyReply,
    launch: PendingLaunch,
  ): Promise<FastifyReply> => {
    const endpoints = opts.signIn?.endpoints();
    if (!opts.signIn || !endpoints) return redirect(reply, `/launch/${await launches.put(launch)}`);
    const { secrets, bindingValue } = startLaunchSignIn();
    const key = await launches.put({ ...launch, signIn: secrets });
    const origin = originOf(request);
    const cookie = {
      launchKey: key,
      value: bindingValue,
      secure: request.protocol === 'https',
      maxAgeSeconds: LAUNCH_TTL_MS / 1000,
    };
    reply.header('set-cookie', [bindingCookie(cookie), pageBindingCookie(cookie)]);
    return redirect(
      reply,
      authorizeUrl({ idp: opts.signIn.idp, endpoints, origin, launchKey: key, secrets }),
    );
  };

  const iid =
    (audience: LaunchAudience) => async (request: FastifyRequest, reply: FastifyReply) => {
      const params = Array.from(new URLSearchParams(rawQuery(request)));
      const parse = readIidLaunch(params, audience);
      logOutcome(request, audience === 'patient' ? 'iid-patient-link' : 'iid', parse);
      if (!parse.ok) {
        // A 303 rather than a 400 in place: the failed link (with its INS) leaves the address bar too.
        return redirect(reply, `${LAUNCH_ERROR_PATH}/${await errorPages.put(shown(parse.errors))}`);
      }
      return sendOnTheWay(request, reply, parse.launch);
    };
  app.get(IID_PATH, iid('professional'));
  app.get(PATIENT_LINK_IID_PATH, iid('patient'));

  app.get<{ Params: { key: string } }>(`${LAUNCH_ERROR_PATH}/:key`, async (request, reply) => {
    const { key } = request.params;
    const errors = isLaunchKey(key) ? await errorPages.peek(key) : undefined;
    const page = launchErrorPage({
      title: LAUNCH_FAILED_TITLE,
      intro: errors
        ? 'Le lien reçu de votre logiciel n’est pas utilisable :'
        : 'Le détail de ce problème n’est plus disponible.',
      errors: errors ?? [
        {
          parameter: 'lien',
          message:
            'Ce message a expiré (10 minutes) ou n’existe pas. Relancez l’ouverture depuis votre logiciel pour le voir à nouveau.',
        },
      ],
      whatToDo: WHAT_TO_DO_AFTER_BAD_LINK,
    });
    return reply
      .code(errors ? 400 : 404)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(page);
  });

  app.post(CONTEXTUAL_CALL_PATH, async (request, reply) => {
    if (!Array.isArray(request.body)) {
      throw new GatewayError(
        415,
        'bad_request',
        'Envoyez les champs de l’appel contextuel en formulaire (application/x-www-form-urlencoded).',
      );
    }
    const parse = readContextualCall(request.body as Array<[string, string]>);
    logOutcome(request, 'contextual-call', parse);
    if (parse.ok) return sendOnTheWay(request, reply, parse.launch);
    // The form was POSTed: the address bar holds no patient data, so the answer can stay here.
    const errors = shown(parse.errors);
    reply.code(400).header('cache-control', 'no-store');
    // A browser's form post asks for a page; a program calling the endpoint gets JSON.
    if ((request.headers.accept ?? '').includes('text/html')) {
      return reply.type('text/html; charset=utf-8').send(
        launchErrorPage({
          title: LAUNCH_FAILED_TITLE,
          intro: 'L’appel de votre logiciel est incomplet ou invalide :',
          errors,
          whatToDo: WHAT_TO_DO_AFTER_BAD_LINK,
        }),
      );
    }
    return reply.type('application/json; charset=utf-8').send({
      error: {
        code: 'bad_request',
        message: errors.map((e) => e.message).join(' '),
        fields: errors.map((e) => ({ field: e.parameter, message: e.message })),
      },
    });
  });

  /** Hands the launch out once, to a user allowed to open it, with its exam looked up. */
  const claim = async (request: FastifyRequest, key: string) => {
    const principal = principalOf(request);
    const pending = isLaunchKey(key) ? await launches.peek(key) : undefined;
    if (!pending) throw noLongerValid();
    // Refused before it is used up: the person the link was meant for can still open it.
    const why = refusal(principal, pending);
    if (why) throw forbidden(why);
    const launch = await launches.take(key);
    if (!launch) throw noLongerValid();
    let lookup;
    try {
      lookup = await opts.lookup?.(request, principal, launch);
    } catch (error) {
      // The launch is used up by now: the browser still gets it, and searches itself.
      request.log.warn(
        { err: error instanceof Error ? error.name : 'unknown' },
        'launch lookup failed',
      );
    }
    return {
      kind: launch.kind,
      audience: launch.audience,
      params: launch.params,
      ...(lookup ? { lookup } : {}),
    };
  };

  app.post<{ Params: { key: string } }>(
    '/api/launch/:key/claim',
    { onRequest: opts.authenticate },
    async (request, reply) =>
      reply.header('cache-control', 'no-store').send(await claim(request, request.params.key)),
  );

  // The first request of a page the IdP sent back with a code (launchSignIn.ts): tokens and
  // the claim in one answer. Any refusal here costs nothing but time: the page then signs
  // in and claims as it always did.
  app.post<{ Params: { key: string }; Body: unknown }>(
    '/api/launch/:key/sign-in',
    { bodyLimit: 8 * 1024 },
    async (request, reply) => {
      const { key } = request.params;
      const body = request.body as { code?: unknown } | null;
      const code = typeof body?.code === 'string' ? body.code : '';
      if (!signIn || code.length === 0 || code.length > MAX_CODE_LENGTH) {
        throw new GatewayError(400, 'bad_request', 'Code de connexion absent ou invalide.');
      }
      const pending = isLaunchKey(key) ? await launches.peek(key) : undefined;
      if (!pending?.signIn) throw noLongerValid();
      reply
        .header('cache-control', 'no-store')
        .header(
          'set-cookie',
          `${BINDING_COOKIE}=; Path=/api/launch/${key}/sign-in; Max-Age=0; HttpOnly; SameSite=Lax`,
        );
      if (!bindingMatches(cookieValue(request.headers.cookie, BINDING_COOKIE), pending.signIn)) {
        request.log.info({ launch: 'sign-in', outcome: 'other-browser' }, 'launch sign-in refused');
        throw forbidden('Ce code de connexion ne vient pas de ce navigateur.');
      }
      const endpoints = signIn.endpoints();
      let tokens: SignInTokens;
      try {
        if (!endpoints) throw new LaunchSignInFailure('idp-unreachable');
        tokens = await exchangeLaunchCode({
          idp: signIn.idp,
          endpoints,
          origin: originOf(request),
          code,
          secrets: pending.signIn,
        });
      } catch (error) {
        const reason = error instanceof LaunchSignInFailure ? error.reason : 'unknown';
        request.log.info({ launch: 'sign-in', outcome: reason }, 'launch sign-in failed');
        throw new GatewayError(
          502,
          'idp_unreachable',
          'La connexion par le service d’identification n’a pas abouti.',
        );
      }
      // From here the request is one with this token: the same check, principal and
      // lookup as the claim's own.
      request.headers.authorization = `Bearer ${tokens.access_token}`;
      await opts.authenticate(request, reply);
      if (reply.sent) return reply;
      let claimed;
      try {
        claimed = await claim(request, key);
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error;
        // The page claims again, and shows the gateway's sentence then.
        claimed = undefined;
      }
      return reply.send({ tokens, ...(claimed ? { claim: claimed } : {}) });
    },
  );
}
