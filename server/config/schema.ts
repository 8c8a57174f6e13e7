// The region's configuration file: what differs between deployments of the one build
// (ARCHITECTURE.md, "Runtime configuration"). Strict objects, so a misspelt key fails the
// start-up instead of silently falling back to a default.
import { z } from 'zod';
import { INS_OID } from '../../src/domain/identity/patientIdentifier';

const httpUrl = z.url({ protocol: /^https?$/, error: 'URL http(s) attendue' });
const text = z.string().trim().min(1, 'texte non vide attendu');

const qidoSchema = z.strictObject({
  issuerOfPatientId: z.boolean(),
  modalitiesInStudy: z.boolean(),
  studyDateRange: z.boolean(),
  bodyPartAtStudyLevel: z.boolean(),
  maxResults: z.int().min(1, 'au moins 1').max(10_000, 'au plus 10000'),
  /** Orthanc's DICOMweb 1.7 matches the raw query text: `false` makes the gateway send it so. */
  decodesUrl: z.boolean(),
});

const upstreamSchema = z
  .strictObject({
    url: httpUrl,
    username: text.optional(),
    password: z.string().optional(),
    headers: z
      .record(
        z.string().regex(/^[A-Za-z0-9-]+$/, 'nom d’en-tête HTTP attendu'),
        z.string().regex(/^[^\r\n]*$/, 'valeur sur une ligne attendue'),
      )
      .optional(),
  })
  .refine((u) => (u.username === undefined) === (u.password === undefined), {
    message: 'username et password vont ensemble',
    path: ['password'],
  });

const sourceSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'identifiant en minuscules, chiffres et tirets attendu')
    .max(64, 'au plus 64 caractères'),
  label: text,
  kind: z.enum(['drimbox', 'regional'], { error: '« drimbox » ou « regional » attendu' }),
  upstream: upstreamSchema,
  qido: qidoSchema,
  timeoutMs: z.int().min(100, 'au moins 100 ms').max(600_000, 'au plus 600000 ms'),
  /**
   * The longest a whole answer of this source may take, body included: an idle timeout
   * alone lets a source trickle a byte every few seconds for ever. Default 300 000.
   */
  deadlineMs: z.int().min(1000, 'au moins 1000 ms').max(3_600_000, 'au plus 3600000 ms').optional(),
  /**
   * Connections the gateway opens to this source at most (default 32): keep it below what
   * the source serves at once (Orthanc: HttpThreadsCount), or the extra ones wait and time out.
   */
  maxConnections: z.int().min(1, 'au moins 1').max(1024, 'au plus 1024').optional(),
});

export const regionConfigSchema = z.strictObject({
  region: z.strictObject({ name: text }),
  idp: z.strictObject({
    issuer: httpUrl,
    clientId: text,
    scope: text,
    acrValues: text.optional(),
    /** The `aud` every access token must carry for this gateway. */
    audience: text,
    /** Skips OIDC discovery when the IdP publishes its keys elsewhere. */
    jwksUri: httpUrl.optional(),
    /**
     * The IdP accepts <the viewer's origin>/auth/launch as a redirect URI of `clientId`: a
     * context launch then goes through the IdP on its way in and the page's first request
     * signs in and claims it (server/launch/launchSignIn.ts). Default false.
     */
    launchRedirect: z.boolean().optional(),
    /**
     * The longest life an access token may claim (exp − iat) and the oldest it may be, in
     * seconds: a token minted for a century is refused even with a valid signature.
     * Default 43 200 (12 h).
     */
    maxTokenAgeSeconds: z
      .int()
      .min(60, 'au moins 60 s')
      .max(604_800, 'au plus 604800 s')
      .optional(),
  }),
  sources: z
    .array(sourceSchema)
    .min(1, 'au moins une source')
    .superRefine((sources, ctx) => {
      const seen = new Set<string>();
      sources.forEach((s, i) => {
        if (seen.has(s.id)) {
          ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'identifiant déjà utilisé' });
        }
        seen.add(s.id);
      });
    }),
  /**
   * A demonstration region only: `insOid` is the OID of its identities (test or demo INS),
   * which the patient search proposes first. Nothing here names a patient: the sources'
   * states on the home page are asked without one (server/sources/statusRoute.ts).
   */
  demo: z
    .strictObject({
      insOid: z.enum(Object.values(INS_OID), {
        error: 'un OID d’INS attendu (1.2.250.1.213.1.4.8, .9, .10 ou .11)',
      }),
    })
    .optional(),
  /** Extended access to `regional` sources (issue 6); every field has a default. */
  consent: z
    .strictObject({
      /** Longest consent a professional may record, in days. */
      maxDays: z.int().min(1, 'au moins 1 jour').max(3650, 'au plus 3650 jours').optional(),
      /** How long « cette consultation » lasts, in hours. */
      visitHours: z.int().min(1, 'au moins 1 heure').max(72, 'au plus 72 heures').optional(),
      /** Whom a consent covers: the professional who recorded it, or their whole structure. */
      scopeBy: z
        .enum(['professional', 'structure'], {
          error: '« professional » ou « structure » attendu',
        })
        .optional(),
      breakGlassMinutes: z
        .int()
        .min(1, 'au moins 1 minute')
        .max(240, 'au plus 240 minutes')
        .optional(),
      /** RPPS of the people (e.g. the DPO) who may read any patient's access trace. */
      auditReaders: z.array(text).optional(),
    })
    .optional(),
  gateway: z
    .strictObject({
      /** Only behind a reverse proxy we control may X-Forwarded-* define the public origin. */
      trustProxy: z.boolean(),
      /** Memory for series metadata answers (seriesMetadataCache.ts); 0 turns it off. */
      metadataCacheMegabytes: z.int().min(0, 'au moins 0').max(4096, 'au plus 4096').optional(),
      /**
       * Memory for the JSON answers being read from sources at one time, all requests
       * together (default 512): beyond it a request is answered 503, the gateway never swells.
       */
      jsonBufferMegabytes: z.int().min(16, 'au moins 16').max(8192, 'au plus 8192').optional(),
      /** Prometheus text at /metrics on this loopback port (server/metrics); absent: none. */
      metricsPort: z.int().min(1, 'port invalide').max(65535, 'port invalide').optional(),
    })
    .optional(),
  /**
   * Where consents, break-the-glass, launch records and the trace live. SQLite (a file under
   * --data-dir) is the embedded default; a region's gateways share one PostgreSQL.
   */
  storage: z
    .discriminatedUnion(
      'kind',
      [
        z.strictObject({ kind: z.literal('sqlite') }),
        z.strictObject({
          kind: z.literal('postgresql'),
          /** postgresql://user@host:port/db, without the password (DRIM_DATABASE_URL overrides). */
          url: z.string().regex(/^postgres(ql)?:\/\/[^\s]+$/, 'adresse postgresql:// attendue'),
          /** A file holding the password, readable by the gateway only. */
          passwordFile: z.string().min(1).optional(),
          /** Connections per gateway (default 10). */
          poolSize: z.int().min(1, 'au moins 1').max(200, 'au plus 200').optional(),
        }),
      ],
      { error: '« sqlite » ou « postgresql » attendu' },
    )
    .optional(),
});

export type RegionConfig = z.infer<typeof regionConfigSchema>;
export type SourceConfig = RegionConfig['sources'][number];
