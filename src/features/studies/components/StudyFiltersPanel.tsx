import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HEAD_TO_FEET, NOT_SPECIFIED, regionLabel } from '../../../domain/anatomy/regions';
import type { RegionOrUnspecified } from '../../../domain/anatomy/regions';
import { numericDate } from '../../../domain/dateText';
import { foldText } from '../../../domain/dicom/foldText';
import { DEFAULT_SORT } from '../../../domain/federation/sortStudies';
import type { SortDirection, SortKey, StudySort } from '../../../domain/federation/sortStudies';
import { dateRangeProblem, NO_FILTERS } from '../../../domain/federation/studyFilters';
import type { DatePreset, StudyFilters } from '../../../domain/federation/studyFilters';
import { currentLanguage } from '../../../lib/i18n';
import styles from './Studies.module.css';

// Head to feet, as the list sorts them, « Non précisé » last.
const REGION_CHOICES: RegionOrUnspecified[] = [...HEAD_TO_FEET, NOT_SPECIFIED];
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

interface ActiveFilter {
  key: string;
  text: string;
  without: StudyFilters;
}

/** Each active filter as a chip's text and the filters without it. */
function useActiveFilters(filters: StudyFilters): ActiveFilter[] {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const active: ActiveFilter[] = filters.modalities.map((m) => ({
    key: `mod-${m}`,
    text: m,
    without: { ...filters, modalities: filters.modalities.filter((x) => x !== m) },
  }));
  // The URL's regions are checked codes already (urlState.ts).
  for (const code of filters.regions) {
    active.push({
      key: `region-${code}`,
      text: regionLabel(code as RegionOrUnspecified, lang),
      without: { ...filters, regions: filters.regions.filter((x) => x !== code) },
    });
  }
  const date = filters.date;
  if ('preset' in date) {
    if (date.preset !== 'all') {
      active.push({
        key: 'date',
        text: t(`studies.filters.preset.${date.preset}`),
        without: { ...filters, date: NO_FILTERS.date },
      });
    }
  } else if (dateRangeProblem(date) === null && (date.from || date.to)) {
    const from = numericDate(date.from ?? null, lang) ?? '';
    const to = numericDate(date.to ?? null, lang) ?? '';
    active.push({
      key: 'date',
      text:
        date.from && date.to
          ? t('studies.filters.range', { from, to })
          : date.from
            ? t('studies.filters.rangeFrom', { from })
            : t('studies.filters.rangeTo', { to }),
      without: { ...filters, date: NO_FILTERS.date },
    });
  }
  return active;
}

function Disclosure({
  label,
  open,
  onToggle,
  controls,
  className,
}: {
  label: ReactNode;
  open: boolean;
  onToggle: () => void;
  controls: string;
  className: string | undefined;
}) {
  return (
    <button
      type="button"
      className={className}
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
    >
      <span aria-hidden="true" className={styles.disclosureMark} data-open={open} />
      {label}
    </button>
  );
}

/**
 * The list's filters as one compact bar — « Filtres » (opens the panel), a chip per active
 * filter (removable), the sort — so the studies stay in view on a laptop and a phone. The
 * panel holds the choices; the regions fold into their own searchable list. Every choice
 * goes to the URL (useStudyListUrl), and the list filters what is already loaded.
 */
export function StudyFiltersPanel({
  filters,
  sort,
  modalities,
  onFilters,
  onSort,
}: {
  filters: StudyFilters;
  sort: StudySort;
  /** The modality choices (studyFilters.modalityChoices): the unfiltered list's. */
  modalities: readonly string[];
  onFilters: (filters: StudyFilters, options?: { replace?: boolean }) => void;
  onSort: (sort: StudySort) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const lang = currentLanguage();
  const [open, setOpen] = useState(false);
  const [regionsOpen, setRegionsOpen] = useState(false);
  const [regionText, setRegionText] = useState('');
  // An empty custom range is not in the URL (it filters nothing): remember the choice here.
  const [customOpen, setCustomOpen] = useState(false);
  const custom = customOpen || !('preset' in filters.date);
  const dateChoice = custom || !('preset' in filters.date) ? 'custom' : filters.date.preset;
  const range = 'preset' in filters.date ? {} : filters.date;
  const reversed = dateRangeProblem(filters.date) === 'reversed';
  const active = useActiveFilters(filters);
  const anyFilter = active.length > 0 || filters.mostRecent !== undefined || reversed;
  const panelId = `${id}-panel`;
  const regionsId = `${id}-regions`;
  const reversedId = `${id}-reversed`;
  const wanted = foldText(regionText);
  const regionChoices = REGION_CHOICES.filter(
    (code) => wanted === '' || foldText(regionLabel(code, lang)).includes(wanted),
  );
  const chosenRegions = filters.regions.length;

  return (
    <section aria-labelledby={`${id}-title`} className={styles.filters} data-testid="filter-bar">
      <h2 id={`${id}-title`} className={styles.visuallyHidden}>
        {t('studies.filters.title')}
      </h2>
      <div className={styles.filterBar}>
        <Disclosure
          className={styles.filterToggle}
          open={open}
          onToggle={() => setOpen((o) => !o)}
          controls={panelId}
          label={
            active.length > 0
              ? t('studies.filters.toggleActive', { count: active.length })
              : t('studies.filters.toggle')
          }
        />
        {active.length > 0 && (
          <ul className={styles.activeChips} aria-label={t('studies.filters.active')}>
            {active.map((f) => (
              <li key={f.key} className={styles.activeChip} data-testid="active-filter">
                <span>{f.text}</span>
                <button
                  type="button"
                  className={styles.chipRemove}
                  aria-label={t('studies.filters.remove', { filter: f.text })}
                  onClick={() => {
                    if (f.key === 'date') setCustomOpen(false);
                    onFilters(f.without);
                  }}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <label className={styles.sortInline}>
          <span>{t('studies.sort.label')}</span>
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
      </div>
      {reversed && (
        <p id={reversedId} role="alert" className={styles.error} data-testid="date-range-problem">
          {t('studies.filters.reversed', {
            from: numericDate(range.from ?? null, lang) ?? range.from ?? '',
            to: numericDate(range.to ?? null, lang) ?? range.to ?? '',
          })}
        </p>
      )}

      <div id={panelId} hidden={!open} className={styles.filterPanel}>
        <div className={styles.filterGroups}>
          <fieldset className={styles.fieldset}>
            <legend>{t('studies.filters.modality')}</legend>
            {modalities.length === 0 && (
              <p className={styles.muted}>{t('studies.filters.noModality')}</p>
            )}
            <div className={styles.chips}>
              {modalities.map((m) => (
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

          <div className={styles.fieldset}>
            <Disclosure
              className={styles.regionToggle}
              open={regionsOpen}
              onToggle={() => setRegionsOpen((o) => !o)}
              controls={regionsId}
              label={
                <span>
                  {t('studies.filters.region')}
                  {' — '}
                  {chosenRegions > 0
                    ? t('studies.filters.regionChosen', { count: chosenRegions })
                    : t('studies.filters.regionAll')}
                </span>
              }
            />
            <fieldset id={regionsId} hidden={!regionsOpen} className={styles.fieldset}>
              <legend className={styles.visuallyHidden}>{t('studies.filters.region')}</legend>
              <label className={styles.regionSearch}>
                <span>{t('studies.filters.regionSearch')}</span>
                <input
                  type="search"
                  value={regionText}
                  autoComplete="off"
                  onChange={(e) => setRegionText(e.target.value)}
                />
              </label>
              <div className={styles.checkList}>
                {regionChoices.map((code) => (
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
                {regionChoices.length === 0 && (
                  <p className={styles.muted}>
                    {t('studies.filters.regionNoMatch', { text: regionText })}
                  </p>
                )}
              </div>
            </fieldset>
          </div>

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
                    aria-invalid={reversed}
                    aria-describedby={reversed ? reversedId : undefined}
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
                    aria-invalid={reversed}
                    aria-describedby={reversed ? reversedId : undefined}
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
        </div>
        {anyFilter && (
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
    </section>
  );
}
