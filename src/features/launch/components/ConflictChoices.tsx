import { useTranslation } from 'react-i18next';
import { identifierText, nameText, personSummary } from '../../../domain/identity/personText';
import { currentLanguage } from '../../../lib/i18n';
import type { LaunchChoice } from '../api/openLaunch';
import styles from './Launch.module.css';

/**
 * The persons one exam identifier names, as the sources give them, each with the button that
 * opens that person's copies only. Text only: a name from a source may hold markup.
 */
export function ConflictChoices({
  choices,
  sourceLabel,
  onChoose,
  busy,
}: {
  choices: readonly LaunchChoice[];
  sourceLabel: (id: string) => string;
  onChoose: (choice: LaunchChoice) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <ul className={styles.choices} data-testid="patient-chooser">
      {choices.map((choice) => {
        const { person } = choice;
        const who = personSummary(person.facts, lang) || t('launch.conflict.unnamed');
        const id = identifierText(person.identifiers, lang);
        const name = nameText(person.facts.name) || t('launch.conflict.unnamed');
        return (
          <li key={JSON.stringify(person.identifiers)} className={styles.choice}>
            <p className={styles.choiceWho}>{[who, id].filter(Boolean).join(' — ')}</p>
            <p className={styles.choiceWhere}>
              {t('launch.conflict.heldAt', {
                sources: person.sourceIds.map(sourceLabel).join(', '),
              })}
            </p>
            <button type="button" disabled={busy} onClick={() => onChoose(choice)}>
              {t('launch.conflict.open', { name })}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
