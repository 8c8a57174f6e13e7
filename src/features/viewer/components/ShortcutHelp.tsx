import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import styles from '../viewer.module.css';
import { TOOLS } from './toolbarChoices';

type KeyName = 'homeEnd' | 'escape' | 'space';

/** Keys shown as typed, or named in the user's language. */
const ROWS: readonly [string | { name: KeyName }, string][] = [
  ['↑ / ↓, ← / →', 'next'],
  ['Page ↑ / Page ↓', 'page'],
  [{ name: 'homeEnd' }, 'ends'],
  ['1 – 5', 'presets'],
  ['I', 'invert'],
  ['R', 'rotate'],
  ['H / V', 'flip'],
  [{ name: 'escape' }, 'reset'],
  [{ name: 'space' }, 'cine'],
  [TOOLS.map((tool) => tool.key).join(', '), 'tools'],
  ['?', 'help'],
] as const;

/** The keyboard shortcuts, in a native modal dialog (focus trapped, Escape closes). */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className={styles.help} onClose={onClose} aria-labelledby="viewer-help-title">
      <h2 id="viewer-help-title">{t('viewer.help.title')}</h2>
      <table>
        <tbody>
          {ROWS.map(([keys, id]) => (
            <tr key={id}>
              <th scope="row">
                <kbd>{typeof keys === 'string' ? keys : t(`viewer.help.keys.${keys.name}`)}</kbd>
              </th>
              <td>{t(`viewer.help.${id}` as 'viewer.help.next')}</td>
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
