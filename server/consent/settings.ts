// The region's consent rules with their defaults filled in (server/config/schema.ts).
import type { RegionConfig } from '../config/schema';

export interface ConsentSettings {
  maxDays: number;
  visitHours: number;
  scopeBy: 'professional' | 'structure';
  breakGlassMinutes: number;
  auditReaders: readonly string[];
}

export const DEFAULT_CONSENT_SETTINGS: ConsentSettings = {
  maxDays: 90,
  visitHours: 12,
  scopeBy: 'professional',
  breakGlassMinutes: 30,
  auditReaders: [],
};

export function consentSettings(config: RegionConfig): ConsentSettings {
  const c = config.consent ?? {};
  return {
    maxDays: c.maxDays ?? DEFAULT_CONSENT_SETTINGS.maxDays,
    visitHours: c.visitHours ?? DEFAULT_CONSENT_SETTINGS.visitHours,
    scopeBy: c.scopeBy ?? DEFAULT_CONSENT_SETTINGS.scopeBy,
    breakGlassMinutes: c.breakGlassMinutes ?? DEFAULT_CONSENT_SETTINGS.breakGlassMinutes,
    auditReaders: c.auditReaders ?? DEFAULT_CONSENT_SETTINGS.auditReaders,
  };
}
