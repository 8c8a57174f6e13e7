// The parts of our FHIR Consent that FHIR R4 has no field for (how consent was given,
// which information text was shown, for how long): one definition for the gateway that
// reads them and the SPA that writes them, so the two cannot drift apart.

export const CONSENT_EXT = {
  method: 'urn:drim-viewer:consent:method',
  informationVersion: 'urn:drim-viewer:consent:information-version',
  duration: 'urn:drim-viewer:consent:duration',
  revocation: 'urn:drim-viewer:consent:revocation',
} as const;

export type ConsentMethod = 'oral' | 'written';
/** `visit`: this consultation; otherwise a number of days. */
export type ConsentDuration = { kind: 'visit' } | { kind: 'days'; days: number };

export function consentExtensions(c: {
  method: ConsentMethod;
  informationVersion: string;
  duration: ConsentDuration;
}): Record<string, unknown>[] {
  return [
    { url: CONSENT_EXT.method, valueCode: c.method },
    { url: CONSENT_EXT.informationVersion, valueString: c.informationVersion },
    c.duration.kind === 'visit'
      ? { url: CONSENT_EXT.duration, valueCode: 'visit' }
      : {
          url: CONSENT_EXT.duration,
          valueDuration: {
            value: c.duration.days,
            unit: 'j',
            system: 'http://unitsofmeasure.org',
            code: 'd',
          },
        },
  ];
}
