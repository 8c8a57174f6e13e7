import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergedStudy } from '../../../domain/federation/mergeStudies';
import {
  disagreements,
  listPatientOf,
  listPatientText,
} from '../../../domain/federation/listPatient';
import { longDate } from '../../../domain/dateText';
import { nameText } from '../../../domain/identity/personText';
import type { PublicSource } from '../../../domain/publicConfig';
import { currentLanguage } from '../../../lib/i18n';
import styles from './Studies.module.css';

/**
 * The list's heading says whose list it is, as the sources give the patient: until one has
 * answered, what the key's label says (or just « Patient »). Plain text throughout — a name
 * from a source may hold markup.
 */
export function PatientHeader({
  title,
  label,
  rows,
  sources,
}: {
  title: string;
  label?: string | undefined;
  rows: readonly MergedStudy[];
  sources: readonly PublicSource[];
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const patient = useMemo(() => listPatientOf(rows.flatMap((r) => r.records)), [rows]);
  const fromSources = patient ? listPatientText(patient, lang) : '';
  const differ = patient ? disagreements(patient) : [];
  const sourceLabel = (id: string) => sources.find((s) => s.id === id)?.label ?? id;

  return (
    <header className={styles.patientHeader}>
      <h1 className={styles.title}>
        <span className={styles.titleKicker}>{title}</span>
        <span className={styles.visuallyHidden}> — </span>
        <span
          className={styles.patientIdentity}
          data-testid="patient-identity"
          data-from={fromSources ? 'sources' : label ? 'label' : 'none'}
        >
          {fromSources || label || t('studies.list.patient')}
        </span>
      </h1>
      {patient && differ.length > 0 && (
        <div className={styles.identityConflict} role="note" data-testid="identity-disagreement">
          <p>{t('studies.list.identityDisagree')}</p>
          <ul>
            {differ.includes('name') && (
              <li>
                {t('studies.list.identityField.name')} :{' '}
                {patient.names
                  .map((n) =>
                    t('studies.list.identityValue', {
                      value: nameText(n.value),
                      sources: n.sourceIds.map(sourceLabel).join(', '),
                    }),
                  )
                  .join(' / ')}
              </li>
            )}
            {differ.includes('birthDate') && (
              <li>
                {t('studies.list.identityField.birthDate')} :{' '}
                {patient.birthDates
                  .map((d) =>
                    t('studies.list.identityValue', {
                      value: longDate(d.value, lang),
                      sources: d.sourceIds.map(sourceLabel).join(', '),
                    }),
                  )
                  .join(' / ')}
              </li>
            )}
            {differ.includes('ins') && (
              <li>
                {t('studies.list.identityField.ins')} :{' '}
                {patient.ins
                  .map((i) =>
                    t('studies.list.identityValue', {
                      value: i.value,
                      sources: i.sourceIds.map(sourceLabel).join(', '),
                    }),
                  )
                  .join(' / ')}
              </li>
            )}
          </ul>
        </div>
      )}
    </header>
  );
}
