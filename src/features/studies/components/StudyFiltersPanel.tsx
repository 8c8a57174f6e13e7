import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOT_SPECIFIED, REGIONS, regionLabel } from '../../../domain/anatomy/regions';
import type { RegionOrUnspecified } from '../../../domain/anatomy/regions';
import { DEFAULT_SORT } from '../../../domain/federation/sortStudies';
import type { SortDirection, SortKey, StudySort } from '../../../domain/federation/sortStudies';
import { NO_FILTERS } from '../../../domain/federation/studyFilters';
import type { DatePreset, StudyFilters } from '../../../domain/federation/studyFilters';
import { currentLanguage } from '../../../lib/i18n';
import styles from './Studies.module.css';

const REGION_CHOICES: RegionOrUnspecified[] = [...REGIONS.map((r) => r.code), NOT_SPECIFIED];
const PRESETS: DatePreset[] = ['all', '1y', '5y'];
const SORTS = [
  'date-desc',
  'date-asc',
  'modality-asc',
  'modality-desc',
  'region-asc',
  'region-desc',
] as const;

function toggle(list: readonly string[], value: string, on: boolean): string[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

export function StudyFiltersPanel({
  filters,
  sort,
  modalities,
  onFilters,
  onSort,
}: {
  filters: StudyFilters;
  sort: StudySort;
  modalities: { images: string[]; others: string[] };
  onFilters: (filters: StudyFilters, options?: { replace?: boolean }) => void;
  onSort: (sort: StudySort) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const lang = currentLanguage();
  // An empty custom range is not in the URL (it filters nothing): remember the choice here.
  const [customOpen, setCustomOpen] = useState(false);
  const custom = customOpen || !('preset' in filters.date);
  const dateChoice = custom || !('preset' in filters.date) ? 'custom' : filters.date.preset;
  const range = 'preset' in filters.date ? {} : filters.date;
  const allModalities = [...modalities.images, ...modalities.others];
  const active =
    filters.modalities.length > 0 ||
    filters.regions.length > 0 ||
    dateChoice !== 'all' ||
    filters.mostRecent !== undefined;

  return (
    <section aria-labelledby={`${id}-title`} className={styles.filters}>
      <h2 id={`${id}-title`} className={styles.smallTitle}>
        {t('studies.filters.title')}
      </h2>
      <div className={styles.filterGroups}>
        <fieldset className={styles.fieldset}>
          <legend>{t('studies.filters.modality')}</legend>
          {allModalities.length === 0 && (
            <p className={styles.muted}>{t('studies.filters.noModality')}</p>
          )}
          <div className={styles.chips}>
            {allModalities.map((m) => (
              <label key={m} className={styles.chip}>
                <input
                  type="checkbox"
                  checked={filters.modalities.includes(m)}
                  onChange={(e) =>
                    onFilters({
                      ...filters,
                      modalities: toggle(filters.modalities, m, e.target.checked),
                    })
                  }
                />
                {m}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend>{t('studies.filters.region')}</legend>
          <div className={styles.checkList}>
            {REGION_CHOICES.map((code) => (
              <label key={code}>
                <input
                  type="checkbox"
                  checked={filters.regions.includes(code)}
                  onChange={(e) =>
                    onFilters({
                      ...filters,
                      regions: toggle(filters.regions, code, e.target.checked),
                    })
                  }
                />
                {regionLabel(code, lang)}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset className={styles.fieldset}>
          <legend>{t('studies.filters.date')}</legend>
          <div className={styles.checkList}>
            {PRESETS.map((preset) => (
              <label key={preset}>
                <input
                  type="radio"
                  name={`${id}-date`}
                  checked={dateChoice === preset}
                  onChange={() => {
                    setCustomOpen(false);
                    onFilters({ ...filters, date: { preset } });
                  }}
                />
                {t(`studies.filters.preset.${preset}`)}
              </label>
            ))}
            <label>
              <input
                type="radio"
                name={`${id}-date`}
                checked={custom}
                onChange={() => setCustomOpen(true)}
              />
              {t('studies.filters.preset.custom')}
            </label>
          </div>
          {custom && (
            <div className={styles.range}>
              <label>
                {t('studies.filters.from')}
                <input
                  type="date"
                  value={range.from ?? ''}
                  onChange={(e) =>
                    onFilters(
                      { ...filters, date: { ...range, from: e.target.value || undefined } },
                      { replace: true },
                    )
                  }
                />
              </label>
              <label>
                {t('studies.filters.to')}
                <input
                  type="date"
                  value={range.to ?? ''}
                  onChange={(e) =>
                    onFilters(
                      { ...filters, date: { ...range, to: e.target.value || undefined } },
                      { replace: true },
                    )
                  }
                />
              </label>
            </div>
          )}
        </fieldset>

        <div className={styles.fieldset}>
          <label className={styles.sortLabel}>
            {t('studies.sort.label')}
            <select
              value={`${sort.key}-${sort.direction}`}
              onChange={(e) => {
                const [key, direction] = e.target.value.split('-') as [SortKey, SortDirection];
                onSort(key && direction ? { key, direction } : DEFAULT_SORT);
              }}
            >
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`studies.sort.${s}`)}
                </option>
              ))}
            </select>
          </label>
          {active && (
            <button
              type="button"
              className={styles.smallButton}
              onClick={() => {
                setCustomOpen(false);
                onFilters(NO_FILTERS);
              }}
            >
              {t('studies.filters.clear')}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
