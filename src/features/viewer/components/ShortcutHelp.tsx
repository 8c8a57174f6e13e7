import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useKeyText } from '../hooks/useKeyText';
import { HELP_ROWS, KEY_BINDINGS, presetKeysText, type HelpRow } from '../keyBindings';
import styles from '../viewer.module.css';

/** A long list reads better with commas; pairs (previous / next) with a slash. */
const SEPARATOR: Partial<Record<HelpRow, string>> = { tools: ', ' };

/** The keyboard shortcuts, in a native modal dialog (focus trapped, Escape closes). */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const keyText = useKeyText();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const keysOf = (row: HelpRow) =>
    row === 'presets'
      ? presetKeysText()
      : KEY_BINDINGS.filter((b) => b.help === row)
          .map(keyText)
          .join(SEPARATOR[row] ?? ' / ');
  return (
    <dialog ref={ref} className={styles.help} onClose={onClose} aria-labelledby="viewer-help-title">
      <h2 id="viewer-help-title">{t('viewer.help.title')}</h2>
      <table>
        <tbody>
          {HELP_ROWS.map((row) => (
            <tr key={row}>
              <th scope="row">
                <kbd>{keysOf(row)}</kbd>
              </th>
              <td>{t(`viewer.help.${row}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('viewer.help.mouse')}</p>
      <button type="button" className={styles.button} onClick={onClose}>
        {t('viewer.help.close')}
      </button>
    </dialog>
  );
}
