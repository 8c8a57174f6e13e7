// What a professional types as an INS: 15 characters of NIR (spaces allowed, Corsican 2A/2B
// accepted), checked with its key before the search reaches every site of the region.
import { isValidNir } from './nir';
import type { PatientIdentifier } from './patientIdentifier';

export type InsInputProblem = 'empty' | 'format' | 'key';

export type InsInput =
  { ok: true; identifier: PatientIdentifier } | { ok: false; problem: InsInputProblem };

const SHAPE = /^[0-9]{5}([0-9]{2}|2A|2B)[0-9]{8}$/;

export function parseInsInput(text: string, oid: string): InsInput {
  const compact = text.replace(/[\s.-]/g, '').toUpperCase();
  if (compact === '') return { ok: false, problem: 'empty' };
  if (!SHAPE.test(compact)) return { ok: false, problem: 'format' };
  if (!isValidNir(compact)) return { ok: false, problem: 'key' };
  return { ok: true, identifier: { issuer: oid, id: compact } };
}
