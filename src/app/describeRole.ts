import type { TFunction } from 'i18next';
import type { Principal } from '../domain/principal';

/** « Professionnel de santé — Médecin (Médecine générale) », « Patient »… */
export function describeRole(principal: Principal, t: TFunction): string {
  switch (principal.role) {
    case 'patient':
      return t('role.patient');
    case 'unknown':
      return t('role.unknown');
    case 'professional': {
      const role = t('role.professional');
      const profession = principal.profession?.label;
      const specialty = principal.specialty?.label;
      if (!profession) return role;
      return specialty
        ? t('role.withSpecialty', { role, profession, specialty })
        : t('role.withProfession', { role, profession });
    }
  }
}
