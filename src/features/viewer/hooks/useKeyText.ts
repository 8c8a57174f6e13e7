// A key as the user reads it: typed characters as they are, named keys in their language.
import { useTranslation } from 'react-i18next';
import type { KeyBinding } from '../keyBindings';

export function useKeyText(): (binding: KeyBinding) => string {
  const { t } = useTranslation();
  return (binding) =>
    typeof binding.label === 'object'
      ? t(`viewer.help.keys.${binding.label.named}`)
      : (binding.label ?? binding.key);
}
