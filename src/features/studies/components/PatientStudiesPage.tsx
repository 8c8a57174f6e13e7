import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { allSettled } from '../../../domain/federation/sourceStatus';
import { sortStudies } from '../../../domain/federation/sortStudies';
import {
  applyFilters,
  availableModalities,
  countUndated,
} from '../../../domain/federation/studyFilters';
import type { FilterKind } from '../../../domain/federation/studyFilters';
import { keepMostRecent } from '../../../domain/federation/mostRecent';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import type { PublicSource } from '../../../domain/publicConfig';
import { todayIso } from '../../../domain/dateText';
import type { RenderSourceAction } from '../../../lib/federation/sourceAction';
import { useFederatedStudies } from '../../../lib/federation/useFederatedStudies';
import { useStudyListUrl } from '../hooks/useStudyListUrl';
import { MostRecentChip } from './MostRecentChip';
import { PatientHeader } from './PatientHeader';
import { SourceStatusBar } from './SourceStatusBar';
import { StudyFiltersPanel } from './StudyFiltersPanel';
import { StudyTable } from './StudyTable';
import styles from './Studies.module.css';

/** Filters a user chose that the note should mention (the issuer check is not a filter). */
const NOTED: readonly FilterKind[] = ['modality', 'date', 'region'];

/**
 * A patient's federated study list: every source asked in parallel, rows merged as each
 * answers, filters and sort from the URL. `renderSourceAction` lets another feature (the
 * consent dialog) put its action next to a source's state without this one knowing it.
 */
export function PatientStudiesPage({
  title,
  label,
  identifiers,
  sources,
  renderSourceAction,
}: {
  title: string;
  /** What the key says of the patient, shown until a source has said who it is. */
  label?: string | undefined;
  identifiers: readonly PatientIdentifier[];
  sources: readonly PublicSource[];
  renderSourceAction?: RenderSourceAction;
}) {
  const { t } = useTranslation();
  const { filters, sort, setFilters, setSort } = useStudyListUrl();
  const today = todayIso(new Date());
  const { sources: states, rows } = useFederatedStudies({ sources, identifiers, filters, today });

  const shown = useMemo(
    () => sortStudies(keepMostRecent(applyFilters(rows, filters, today), filters.mostRecent), sort),
    [rows, filters, today, sort],
  );
  const modalities = useMemo(
    () => availableModalities(rows, filters.modalities),
    [rows, filters.modalities],
  );
  const actionPatient = useMemo(() => ({ identifiers, label }), [identifiers, label]);
  const settled = allSettled(states.map((s) => s.status));
  const dateFiltered = !('preset' in filters.date) || filters.date.preset !== 'all';
  const undated = dateFiltered ? countUndated(shown) : 0;

  // One note per filter the browser applied, naming the sources concerned.
  const localNotes = NOTED.map((kind) => ({
    kind,
    sources: states
      .filter((s) => s.status.kind === 'loaded' && s.appliedLocally.includes(kind))
      .map((s) => s.source.label),
  })).filter((n) => n.sources.length > 0);

  return (
    <div className={styles.page}>
      <PatientHeader title={title} label={label} rows={rows} sources={sources} />
      <SourceStatusBar
        states={states}
        patient={actionPatient}
        renderSourceAction={renderSourceAction}
      />
      <StudyFiltersPanel
        filters={filters}
        sort={sort}
        modalities={modalities}
        onFilters={setFilters}
        onSort={setSort}
      />
      <section aria-labelledby="studies-list-title" className={styles.listSection}>
        <h2 id="studies-list-title" className={styles.smallTitle}>
          {t('studies.list.title')}
        </h2>
        {filters.mostRecent !== undefined && (
          <MostRecentChip
            count={filters.mostRecent}
            onRemove={() => {
              const { mostRecent: _lifted, ...rest } = filters;
              setFilters(rest);
            }}
          />
        )}
        <p role="status" aria-live="polite" className={styles.count} data-testid="studies-count">
          {shown.length === rows.length
            ? t('studies.list.count', { count: shown.length })
            : t('studies.list.countOf', { shown: shown.length, total: rows.length })}
          {!settled && ` — ${t('studies.list.stillLoading')}`}
        </p>
        <div className={styles.notes}>
          {localNotes.map((n) => (
            <p key={n.kind} className={styles.note} data-testid="applied-locally">
              {t('studies.list.appliedLocally', {
                filter: t(`studies.filterKind.${n.kind}`),
                sources:
                  n.sources.length === states.length
                    ? t('studies.list.allSources')
                    : n.sources.join(', '),
              })}
            </p>
          ))}
          {states
            .filter((s) => s.dropped > 0)
            .map((s) => (
              <p key={`dropped-${s.source.id}`} className={styles.note}>
                {t('studies.list.dropped', { count: s.dropped, source: s.source.label })}
              </p>
            ))}
          {undated > 0 && (
            <p className={styles.note}>{t('studies.list.undated', { count: undated })}</p>
          )}
        </div>
        {shown.length > 0 ? (
          <StudyTable rows={shown} sources={sources} identifiers={identifiers} />
        ) : (
          settled && (
            <p className={styles.muted}>
              {rows.length > 0 ? t('studies.list.emptyFiltered') : t('studies.list.empty')}
            </p>
          )
        )}
      </section>
    </div>
  );
}
