import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSearch } from '../../../domain/federation/buildStudyQuery';
import { isIsoDate } from '../../../domain/federation/studyFilters';
import { parseInsInput } from '../../../domain/identity/insInput';
import { INS_OID } from '../../../domain/identity/patientIdentifier';
import styles from './Studies.module.css';

type Mode = 'ins' | 'name';

const OIDS = [
  { oid: INS_OID.nir, label: 'oidNir' },
  { oid: INS_OID.nirTest, label: 'oidNirTest' },
  { oid: INS_OID.nirDemo, label: 'oidNirDemo' },
  { oid: INS_OID.nia, label: 'oidNia' },
] as const;

/**
 * INS (with its OID, key checked) or family name + birth date; nothing leaves until valid.
 * `onEdit` is told of every change to the search (a keystroke, another mode or OID, a
 * submit): the page drops the previous answer at once, so a result never stands beside a
 * search it does not answer.
 */
export function PatientSearchForm({
  defaultOid,
  onSearch,
  onEdit,
}: {
  defaultOid: string;
  onSearch: (search: PatientSearch) => void;
  onEdit?: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<Mode>('ins');
  const [ins, setIns] = useState('');
  const [oid, setOid] = useState(defaultOid);
  const [family, setFamily] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [problem, setProblem] = useState<{ field: string; text: string } | null>(null);

  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      onEdit?.();
      set(value);
    };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onEdit?.();
    if (mode === 'ins') {
      const parsed = parseInsInput(ins, oid);
      if (!parsed.ok) {
        setProblem({ field: 'ins', text: t(`studies.search.problem.${parsed.problem}`) });
        return;
      }
      setProblem(null);
      onSearch({ by: 'identifier', identifier: parsed.identifier });
      return;
    }
    if (family.trim() === '') {
      setProblem({ field: 'family', text: t('studies.search.problem.family') });
      return;
    }
    if (!isIsoDate(birthDate)) {
      setProblem({ field: 'birthDate', text: t('studies.search.problem.birthDate') });
      return;
    }
    setProblem(null);
    onSearch({ by: 'name', family: family.trim().toUpperCase(), birthDate });
  };

  const errorId = `${id}-error`;
  const invalid = (field: string) => problem?.field === field;
  const describedBy = (field: string, hint?: string) =>
    [invalid(field) ? errorId : null, hint ?? null].filter(Boolean).join(' ') || undefined;

  return (
    <form
      className={styles.searchForm}
      onSubmit={submit}
      noValidate
      aria-label={t('studies.search.title')}
    >
      <fieldset className={styles.fieldset}>
        <legend>{t('studies.search.mode')}</legend>
        <div className={styles.chips}>
          {(['ins', 'name'] as const).map((m) => (
            <label key={m} className={styles.chip}>
              <input
                type="radio"
                name={`${id}-mode`}
                checked={mode === m}
                onChange={() => {
                  onEdit?.();
                  setMode(m);
                  setProblem(null);
                }}
              />
              {m === 'ins' ? t('studies.search.byIns') : t('studies.search.byName')}
            </label>
          ))}
        </div>
      </fieldset>
      <div className={styles.searchFields}>
        {mode === 'ins' ? (
          <>
            <div className={styles.field}>
              <label htmlFor={`${id}-ins`}>{t('studies.search.ins')}</label>
              <input
                id={`${id}-ins`}
                name="ins"
                inputMode="numeric"
                autoComplete="off"
                value={ins}
                onChange={(e) => edited(setIns)(e.target.value)}
                aria-invalid={invalid('ins')}
                aria-describedby={describedBy('ins', `${id}-ins-hint`)}
              />
              <span id={`${id}-ins-hint`} className={styles.hint}>
                {t('studies.search.insHint')}
              </span>
            </div>
            <div className={styles.field}>
              <label htmlFor={`${id}-oid`}>{t('studies.search.oid')}</label>
              <select id={`${id}-oid`} value={oid} onChange={(e) => edited(setOid)(e.target.value)}>
                {OIDS.map((o) => (
                  <option key={o.oid} value={o.oid}>
                    {t(`studies.search.${o.label}`)}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : (
          <>
            <div className={styles.field}>
              <label htmlFor={`${id}-family`}>{t('studies.search.family')}</label>
              <input
                id={`${id}-family`}
                name="family"
                autoComplete="off"
                value={family}
                onChange={(e) => edited(setFamily)(e.target.value)}
                aria-invalid={invalid('family')}
                aria-describedby={describedBy('family')}
              />
            </div>
            <div className={styles.field}>
              <label htmlFor={`${id}-birth`}>{t('studies.search.birthDate')}</label>
              <input
                id={`${id}-birth`}
                name="birthDate"
                type="date"
                value={birthDate}
                onChange={(e) => edited(setBirthDate)(e.target.value)}
                aria-invalid={invalid('birthDate')}
                aria-describedby={describedBy('birthDate')}
              />
            </div>
          </>
        )}
        <button type="submit">{t('studies.search.submit')}</button>
      </div>
      {problem && (
        <p id={errorId} role="alert" className={styles.error}>
          {problem.text}
        </p>
      )}
    </form>
  );
}
