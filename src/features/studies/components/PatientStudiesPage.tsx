import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { allSettled } from '../../../domain/federation/sourceStatus';
import { sortStudies } from '../../../domain/federation/sortStudies';
import {
  applyFilters,
  countUndated,
  modalityChoices,
  NO_FILTERS,
} from '../../../domain/federation/studyFilters';
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
import { StudyTable, type RenderStudyAction } from './StudyTable';
import styles from './Studies.module.css';

/**
 * A patient's federated study list: every source asked in parallel, rows merged as each
 * answers, filters and sort from the URL. `renderSourceAction` lets another feature (the
 * consent dialog) put its action next to a source's state without this one knowing it, and
 * `renderStudyAction` (the download) next to each study's « Ouvrir ».
 *
 * The sources are asked for the patient only — every study they hold, the same query (and
 * cache entry) as the viewer's priors — and every filter is applied here, on what they
 * answered: changing a filter asks no source again, and the modality choices stay those of
 * the whole list. A source that stopped at its limit is named beside the filters, since
 * older studies may lie beyond it.
 */
export function PatientStudiesPage({
  title,
  label,
  identifiers,
  sources,
  renderSourceAction,
  renderStudyAction,
}: {
  title: string;
  /** What the key says of the patient, shown until a source has said who it is. */
  label?: string | undefined;
  identifiers: readonly PatientIdentifier[];
  sources: readonly PublicSource[];
  renderSourceAction?: RenderSourceAction;
  /** Another feature's action on each row, beside « Ouvrir » (the study's download). */
  renderStudyAction?: RenderStudyAction;
}) {
  const { t } = useTranslation();
  const { filters, sort, setFilters, setSort } = useStudyListUrl();
  const today = todayIso(new Date());
  const { sources: states, rows } = useFederatedStudies({
    sources,
    identifiers,
    filters: NO_FILTERS,
    today,
  });

  const shown = useMemo(
    () => sortStudies(keepMostRecent(applyFilters(rows, filters, today), filters.mostRecent), sort),
    [rows, filters, today, sort],
  );
  const modalities = useMemo(
    () => modalityChoices(rows, filters.modalities),
    [rows, filters.modalities],
  );
  const actionPatient = useMemo(() => ({ identifiers, label }), [identifiers, label]);
  const settled = allSettled(states.map((s) => s.status));
  const dateFiltered = !('preset' in filters.date) || filters.date.preset !== 'all';
  const undated = dateFiltered ? countUndated(shown) : 0;
  const filtered = filters.modalities.length > 0 || filters.regions.length > 0 || dateFiltered;
  // Filters apply to what each source sent: one that stopped at its limit may hold more.
  const limited = filtered
    ? states.flatMap((s) =>
        s.status.kind === 'loaded' && s.status.limitReached
          ? [{ source: s.source, count: s.status.count }]
          : [],
      )
    : [];

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
        <div className={styles.listHeading}>
          <h2 id="studies-list-title" className={styles.smallTitle}>
            {t('studies.list.title')}
          </h2>
          <p role="status" aria-live="polite" className={styles.count} data-testid="studies-count">
            {shown.length === rows.length
              ? t('studies.list.count', { count: shown.length })
              : t('studies.list.countOf', { shown: shown.length, total: rows.length })}
            {!settled && ` — ${t('studies.list.stillLoading')}`}
          </p>
        </div>
        {filters.mostRecent !== undefined && (
          <MostRecentChip
            count={filters.mostRecent}
            onRemove={() => {
              const { mostRecent: _lifted, ...rest } = filters;
              setFilters(rest);
            }}
          />
        )}
        <div className={styles.notes}>
          {limited.map(({ source, count }) => (
            <p key={`limit-${source.id}`} className={styles.note} data-testid="filter-limit">
              {t('studies.filters.limitReached', { source: source.label, count })}
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
          <StudyTable
            rows={shown}
            sources={sources}
            identifiers={identifiers}
            renderStudyAction={renderStudyAction}
          />
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
