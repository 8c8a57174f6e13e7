import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import { failureText } from '../../../lib/api/failureText';
import { sealKey } from '../../../lib/api/opaqueKeys';
import styles from './Studies.module.css';

/** Opens the viewer on a study through a sealed key: no UID or identifier in the URL. */
export function OpenStudyButton({
  studyInstanceUID,
  sourceIds,
  identifiers,
  label,
}: {
  studyInstanceUID: string;
  sourceIds: readonly string[];
  identifiers: readonly PatientIdentifier[];
  label: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });

  const open = async () => {
    if (state.busy) return;
    setState({ busy: true, error: null });
    try {
      const key = await sealKey('study', {
        studyInstanceUID: studyInstanceUID,
        sourceIds,
        patient: { identifiers },
      });
      void navigate(`/study/${encodeURIComponent(key)}`);
    } catch (err) {
      setState({ busy: false, error: failureText(err, t) });
    }
  };

  return (
    <>
      <button
        type="button"
        className={styles.openButton}
        onClick={() => void open()}
        aria-label={label}
        disabled={state.busy}
      >
        {state.busy ? t('studies.table.opening') : t('studies.table.open')}
      </button>
      {state.error !== null && (
        <p role="alert" className={styles.error}>
          {t('studies.table.openFailed', { message: state.error })}
        </p>
      )}
    </>
  );
}
