import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { PatientIdentifier } from '../../../domain/identity/patientIdentifier';
import { useAuth } from '../../../lib/auth/useAuth';
import { createOpaqueKey } from '../../../lib/opaqueKeys';
import styles from './Studies.module.css';

/** Opens the viewer on a study through a sealed key: no UID or identifier in the URL. */
export function OpenStudyButton({
  studyInstanceUid,
  sourceIds,
  identifiers,
  label,
}: {
  studyInstanceUid: string;
  sourceIds: readonly string[];
  identifiers: readonly PatientIdentifier[];
  label: string;
}) {
  const { t } = useTranslation();
  const { accessToken } = useAuth();
  const navigate = useNavigate();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });

  const open = async () => {
    if (!accessToken || state.busy) return;
    setState({ busy: true, error: null });
    try {
      const key = await createOpaqueKey(
        'study',
        { studyInstanceUID: studyInstanceUid, sourceIds, patient: { identifiers } },
        accessToken,
      );
      void navigate(`/study/${encodeURIComponent(key)}`);
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : String(err) });
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
