// Break-the-glass (ANS access mode « bris de glace »): a professional opens the regional
// archive for one patient for a short time, with a reason the patient will read.
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { z } from 'zod';
import type { RequestTrace } from '../audit/requestTrace';
import {
  BREAK_GLASS_REASON_MAX,
  BREAK_GLASS_REASON_MIN,
  checkBreakGlassReason,
} from '../../src/domain/consent/breakGlassReason';
import type { ConsentStore } from './consentStore';
import { fhirError } from './operationOutcome';
import { patientRefSchema } from './patientRef';
import { professionalOf } from './professionalOf';

export interface BreakGlassRoutesOptions {
  authenticate: onRequestHookHandler;
  consents: ConsentStore;
  trace: RequestTrace;
  clock: () => number;
}

const breakGlassBody = z.looseObject({ patient: patientRefSchema, reason: z.unknown().optional() });

export async function breakGlassRoutes(
  app: FastifyInstance,
  opts: BreakGlassRoutesOptions,
): Promise<void> {
  const { consents, trace, clock } = opts;
  app.post('/api/break-glass', { onRequest: opts.authenticate }, async (request, reply) => {
    const p = trace.begin(request, 'break-glass');
    const pro = professionalOf(request, 'utiliser le bris de glace');
    const body = breakGlassBody.safeParse(request.body);
    if (!body.success) {
      throw fhirError(400, 'bad_request', 'Bris de glace : patient (system, value) attendu.');
    }
    p.patients = [body.data.patient];
    // What is stored, traced and shown to the patient is the normalised text, never the raw one.
    const reason = checkBreakGlassReason(body.data.reason);
    if (!reason.ok) {
      throw fhirError(
        400,
        'break_glass_reason_required',
        `Le bris de glace exige un motif de ${BREAK_GLASS_REASON_MIN} à ${BREAK_GLASS_REASON_MAX} caractères visibles (les espaces et caractères invisibles ne comptent pas) : il sera tracé et visible du patient.`,
      );
    }
    const opened = await consents.startBreakGlass(
      body.data.patient,
      pro,
      reason.text,
      clock(),
      trace.actorFacts(request),
    );
    p.written = true;
    return reply
      .code(201)
      .header('cache-control', 'no-store')
      .send({
        id: opened.id,
        patient: opened.patient,
        start: new Date(opened.startedAt).toISOString(),
        end: new Date(opened.endsAt).toISOString(),
      });
  });
}
