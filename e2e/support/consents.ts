// A clean consent state for a test: every active consent `username` holds for the patient,
// withdrawn through the gateway's FHIR API (consents are never deleted, only made inactive).
import { INS_TEST_OID } from '../../dev/demo-identities';
import { readStackInfo } from '../../dev/stack/stackInfo';
import { accessTokenFor } from './openStudyAs';

export async function withdrawConsents(username: string, ins: string): Promise<void> {
  const stack = readStackInfo();
  const headers = { authorization: `Bearer ${await accessTokenFor(username)}` };
  const patient = encodeURIComponent(`urn:oid:${INS_TEST_OID}|${ins}`);
  const res = await fetch(`${stack.gatewayUrl}/api/fhir/Consent?patient=${patient}&status=active`, {
    headers,
  });
  if (!res.ok) throw new Error(`GET Consent: ${res.status} ${await res.text()}`);
  const bundle = (await res.json()) as { entry?: { resource: { id: string } }[] };
  for (const entry of bundle.entry ?? []) {
    const done = await fetch(`${stack.gatewayUrl}/api/fhir/Consent/${entry.resource.id}`, {
      method: 'PATCH',
      headers: { ...headers, 'content-type': 'application/json-patch+json' },
      body: JSON.stringify([{ op: 'replace', path: '/status', value: 'inactive' }]),
    });
    if (!done.ok) throw new Error(`PATCH Consent: ${done.status} ${await done.text()}`);
  }
}
