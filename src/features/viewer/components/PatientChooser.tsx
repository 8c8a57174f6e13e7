// A study UID that names several persons at its source, opened for nobody: no image shows
// until the professional says whose series to open. Each person is labelled as the source
// gives them; the choice is sealed in a new study key, so the URL names nobody and the
// viewer then holds every image to that person.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { identifierText, nameText, personSummary } from '../../../domain/identity/personText';
import { failureText } from '../../../lib/api/failureText';
import { sealKey } from '../../../lib/api/opaqueKeys';
import { currentLanguage } from '../../../lib/i18n';
import type { OpenedStudy, PatientChoice } from '../api/openStudy';
import own from './PatientChooser.module.css';

export function PatientChooser({ study }: { study: OpenedStudy }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const lang = currentLanguage();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });

  const open = async (choice: PatientChoice) => {
    if (state.busy) return;
    setState({ busy: true, error: null });
    try {
      const key = await sealKey('study', {
        studyInstanceUID: study.studyInstanceUID,
        sourceIds: [study.source.id],
        patient: { identifiers: choice.identifiers },
        ...(study.keyImagesOnly ? { keyImagesOnly: true } : {}),
        ...(study.missing ? { missing: study.missing } : {}),
        ...(study.compare ? { compare: study.compare } : {}),
      });
      void navigate(`/study/${encodeURIComponent(key)}`, { replace: true });
    } catch (err) {
      setState({ busy: false, error: failureText(err, t) });
    }
  };

  return (
    <main className={own.page} data-testid="patient-chooser">
      <h1 className={own.title}>{t('viewer.isolation.chooseTitle')}</h1>
      <p role="alert" className={own.warning} data-testid="isolation-notice">
        {t('viewer.isolation.choose', { source: study.source.label })}
      </p>
      <ul className={own.choices}>
        {(study.choice ?? []).map((choice) => {
          const who = personSummary(choice.facts, lang) || t('viewer.isolation.unnamed');
          const id = identifierText(choice.identifiers, lang);
          return (
            <li key={JSON.stringify(choice.identifiers)} className={own.choice}>
              <p className={own.who}>{[who, id].filter(Boolean).join(' — ')}</p>
              <p className={own.count}>
                {t('viewer.isolation.seriesCount', { count: choice.seriesCount })}
              </p>
              <button
                type="button"
                className={own.button}
                disabled={state.busy}
                onClick={() => void open(choice)}
              >
                {state.busy
                  ? t('viewer.isolation.opening')
                  : t('viewer.isolation.open', {
                      name: nameText(choice.facts.name) || t('viewer.isolation.unnamed'),
                    })}
              </button>
            </li>
          );
        })}
      </ul>
      {state.error !== null && (
        <p role="alert" className={own.warning}>
          {t('viewer.isolation.openFailed', { message: state.error })}
        </p>
      )}
      <p>
        <Link to="/">{t('viewer.back')}</Link>
      </p>
    </main>
  );
}
