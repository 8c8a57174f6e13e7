import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { PatientSearch as Search } from '../../../domain/federation/buildStudyQuery';
import type { PatientKeyValue } from '../../../domain/federation/patientKeyValue';
import type { PatientCluster } from '../../../domain/identity/matchPatients';
import { numericDate } from '../../../domain/dateText';
import { nameText } from '../../../domain/identity/personText';
import type { PublicSource } from '../../../domain/publicConfig';
import { failureText } from '../../../lib/api/failureText';
import { sealKey } from '../../../lib/api/opaqueKeys';
import { prefetchFederatedStudies } from '../../../lib/federation/prefetchFederatedStudies';
import { currentLanguage } from '../../../lib/i18n';
import { patientKeyQueryOptions } from '../api/getPatientKey';
import { usePatientSearch } from '../hooks/usePatientSearch';
import { PatientSearchForm } from './PatientSearchForm';
import styles from './Studies.module.css';

/** « DUBOIS Marie », as the list's header writes the patient (personText.ts). */
function displayName(cluster: PatientCluster): string {
  const d = cluster.demographics[0];
  return d ? nameText({ family: d.family, given: d.given }) : '';
}

/** What the results answer, said above them: a result is never read against another search. */
function SearchedFor({ search }: { search: Search }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <p className={styles.searchedFor} data-testid="searched-for">
      {search.by === 'identifier'
        ? t('studies.search.searchedIns', { ins: search.identifier.id })
        : t('studies.search.searchedName', {
            family: search.family,
            date: numericDate(search.birthDate, lang) ?? search.birthDate,
          })}
    </p>
  );
}

function PatientResult({
  cluster,
  sources,
}: {
  cluster: PatientCluster;
  sources: readonly PublicSource[];
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const lang = currentLanguage();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  const name = displayName(cluster) || t('studies.list.patientUnnamed');
  const d = cluster.demographics[0];
  const born = numericDate(d?.birthDate || null, lang);
  const label = (id: string) => sources.find((s) => s.id === id)?.label ?? id;
  const sexKey = d?.sex === 'F' || d?.sex === 'M' || d?.sex === 'O' ? d.sex : null;

  const open = async () => {
    if (state.busy) return;
    setState({ busy: true, error: null });
    // Only identifiers with an issuer travel: a bare number means nothing at another site.
    const identifiers = cluster.identifiers
      .filter((i) => i.issuer !== '')
      .map(({ issuer, id }) => ({ issuer, id }));
    const patient: PatientKeyValue = { identifiers, label: name };
    // The key first: the browser holds six connections to the gateway, and the page waits
    // for the key, not for the eight source queries it would otherwise queue behind.
    const sealing = sealKey('patient', patient);
    // The list's own queries (PatientStudiesPage: this patient, every source, no filter),
    // started in the same turn rather than once the key is sealed and the page is there: it
    // finds them in flight (issue 21). The gateway gates each source as it would for the list.
    const prefetch = prefetchFederatedStudies(queryClient, { sources, identifiers });
    try {
      const key = await sealing;
      // The list page would ask the gateway to open this key again: hand it what it would
      // get (memory only), so the sources are queried one round trip sooner.
      queryClient.setQueryData(patientKeyQueryOptions(key).queryKey, patient);
      void navigate(`/patient/${encodeURIComponent(key)}`);
    } catch (err) {
      // No list will open: what was asked for it is stopped and forgotten.
      void prefetch.abandon();
      setState({ busy: false, error: failureText(err, t) });
    }
  };

  return (
    <li className={styles.result} data-testid="patient-result">
      <h3 className={styles.resultName} data-testid="patient-result-name">
        {name}
      </h3>
      <p className={styles.resultMeta} data-testid="patient-result-facts">
        {[
          born
            ? t('studies.search.born', {
                date: born,
                ...(sexKey === 'F' ? { context: 'female' } : {}),
                ...(sexKey === 'M' ? { context: 'male' } : {}),
              })
            : null,
          sexKey ? t(`studies.search.sex.${sexKey}`) : null,
          cluster.ins
            ? t('studies.search.ins_label', { id: cluster.ins.id })
            : t('studies.search.noIns'),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <p className={styles.resultMeta}>
        {t('studies.search.knownAt', { sources: cluster.sourceIds.map(label).join(', ') })}
      </p>
      {cluster.conflicts.length > 0 && (
        <div data-testid="patient-conflicts">
          <p className={styles.resultMeta}>{t('studies.search.conflicts')}</p>
          <ul className={styles.resultConflicts}>
            {cluster.conflicts.map((c) => (
              <li key={c.field}>
                {t(`studies.search.conflictField.${c.field}`)} :{' '}
                {c.values
                  .map((v) =>
                    t('studies.search.conflictValue', {
                      value: v.value,
                      sources: v.sourceIds.map(label).join(', '),
                    }),
                  )
                  .join(' / ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      <button type="button" onClick={() => void open()} disabled={state.busy}>
        {state.busy ? t('studies.search.opening') : t('studies.search.open', { name })}
      </button>
      {state.error !== null && (
        <p role="alert" className={styles.error}>
          {t('studies.search.openFailed', { message: state.error })}
        </p>
      )}
    </li>
  );
}

/** The professional's home: find a patient across every source of the region. */
export function PatientSearch({
  sources,
  defaultOid,
}: {
  sources: readonly PublicSource[];
  defaultOid: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState<Search | null>(null);
  const result = usePatientSearch(sources, search);
  const problems = result.sources.filter(
    (s) => s.status.kind === 'failed' || s.status.kind === 'consentNeeded',
  );

  return (
    <section aria-labelledby="patient-search-title" className={styles.panel}>
      <h1 id="patient-search-title" className={styles.title}>
        {t('studies.search.title')}
      </h1>
      <PatientSearchForm
        defaultOid={defaultOid}
        onSearch={setSearch}
        // Any edit drops the previous answer at once: no result beside a search it does not answer.
        onEdit={() => setSearch(null)}
      />
      {search !== null && (
        <div aria-live="polite" className={styles.searchResults} data-testid="search-results">
          <SearchedFor search={search} />
          {result.searching && <p role="status">{t('studies.search.searching')}</p>}
          {problems.map(({ source, status }) => (
            <p key={source.id} className={styles.note} data-testid="search-source-problem">
              {status.kind === 'consentNeeded'
                ? t('studies.search.sourceConsent', { source: source.label })
                : t('studies.search.sourceFailed', {
                    source: source.label,
                    reason:
                      status.kind === 'failed' ? t(`studies.status.reason.${status.reason}`) : '',
                  })}
            </p>
          ))}
          {!result.searching && result.patients.length === 0 && (
            <p className={styles.muted}>{t('studies.search.none')}</p>
          )}
          {result.patients.length > 0 && (
            <>
              <h2 className={styles.smallTitle}>
                {t('studies.search.found', { count: result.patients.length })}
              </h2>
              <ul className={styles.results}>
                {result.patients.map(({ cluster }) => (
                  <PatientResult
                    key={cluster.identifiers.map((i) => `${i.issuer}|${i.id}`).join(',')}
                    cluster={cluster}
                    sources={sources}
                  />
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
