import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { regionLabel } from '../../../domain/anatomy/regions';
import { numericDate } from '../../../domain/dateText';
import type { MergedStudy } from '../../../domain/federation/mergeStudies';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import type { PublicSource } from '../../../domain/publicConfig';
import { currentLanguage } from '../../../lib/i18n';
import { OpenStudyButton } from './OpenStudyButton';
import styles from './Studies.module.css';

/**
 * A table on a desktop; below 600 px the same rows become cards (CSS only), so a phone
 * and a workstation read the same markup. Every text from a source is rendered as text.
 */
/** What a row's study is, for another feature's action beside « Ouvrir » (a download). */
export interface StudyRowContext {
  studyInstanceUID: string;
  /** The preferred source first, as « Ouvrir » seals them. */
  sourceIds: string[];
  identifiers: readonly PatientIdentifier[];
  date: string;
  description: string;
}
export type RenderStudyAction = (row: StudyRowContext) => ReactNode;

export function StudyTable({
  rows,
  sources,
  identifiers,
  renderStudyAction,
}: {
  rows: readonly MergedStudy[];
  sources: readonly PublicSource[];
  identifiers: readonly PatientIdentifier[];
  renderStudyAction?: RenderStudyAction | undefined;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const byId = new Map(sources.map((s) => [s.id, s]));

  return (
    <table className={styles.table}>
      <caption className={styles.visuallyHidden}>{t('studies.table.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('studies.table.date')}</th>
          <th scope="col">{t('studies.table.modality')}</th>
          <th scope="col">{t('studies.table.description')}</th>
          <th scope="col">{t('studies.table.region')}</th>
          <th scope="col">{t('studies.table.sources')}</th>
          <th scope="col">{t('studies.table.content')}</th>
          <th scope="col">
            <span className={styles.visuallyHidden}>{t('studies.table.open')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const date = numericDate(row.date, lang) ?? t('studies.table.undated');
          const description = row.description || t('studies.table.noDescription');
          const sourceIds = [
            row.preferredSource,
            ...row.sources.filter((s) => s !== row.preferredSource),
          ];
          const extended = row.sources.some((id) => byId.get(id)?.kind === 'regional');
          return (
            <tr
              key={row.studyInstanceUID}
              data-testid="study-row"
              data-study-uid={row.studyInstanceUID}
              className={styles.row}
            >
              <td data-label={t('studies.table.date')} className={styles.dateCell}>
                {date}
              </td>
              <td data-label={t('studies.table.modality')}>
                <span className={styles.modalities}>
                  {row.modalities.images.map((m) => (
                    <span key={m} className={styles.modality}>
                      {m}
                    </span>
                  ))}
                </span>
              </td>
              <td data-label={t('studies.table.description')}>
                <div className={styles.description}>
                  <span data-testid="study-description">{description}</span>
                  {row.conflicts.length > 0 && (
                    <span className={styles.conflict}>
                      {t('studies.table.conflict', {
                        fields: row.conflicts
                          .map((f) => t(`studies.table.conflictField.${f}`))
                          .join(', '),
                      })}
                    </span>
                  )}
                </div>
              </td>
              <td data-label={t('studies.table.region')}>
                {row.regions.map((r) => regionLabel(r.code, lang)).join(', ')}
              </td>
              <td data-label={t('studies.table.sources')}>
                <span className={styles.badges}>
                  {row.sources.map((id) => {
                    const source = byId.get(id);
                    return (
                      <span
                        key={id}
                        className={styles.sourceBadge}
                        data-kind={source?.kind}
                        data-testid="source-badge"
                        data-source-id={id}
                      >
                        {source?.label ?? id}
                      </span>
                    );
                  })}
                  {extended && (
                    <span className={styles.extendedBadge} data-testid="extended-access">
                      {t('studies.table.extended')}
                    </span>
                  )}
                </span>
              </td>
              <td data-label={t('studies.table.content')}>
                <div className={styles.content}>
                  {row.numberOfSeries !== null && (
                    <span>{t('studies.table.series', { count: row.numberOfSeries })}</span>
                  )}
                  {row.numberOfInstances !== null && (
                    <span>{t('studies.table.images', { count: row.numberOfInstances })}</span>
                  )}
                  {row.hasReport && (
                    <span className={styles.report} data-testid="has-report">
                      {t('studies.table.report')}
                    </span>
                  )}
                </div>
              </td>
              <td>
                <OpenStudyButton
                  studyInstanceUID={row.studyInstanceUID}
                  sourceIds={sourceIds}
                  identifiers={identifiers}
                  label={t('studies.table.openStudy', { description, date })}
                />
                {renderStudyAction?.({
                  studyInstanceUID: row.studyInstanceUID,
                  sourceIds,
                  identifiers,
                  date,
                  description,
                })}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
