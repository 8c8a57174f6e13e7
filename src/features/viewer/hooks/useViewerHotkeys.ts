// The viewer's keyboard: each key press is looked up in the one key table (../keyBindings.ts)
// and handed to `run`, which says whether it applied (Space without a cine, a tool key in
// MPR): only then is the browser's own use of the key prevented.
import { useEffect, useRef } from 'react';
import type { WindowPreset } from '../../../domain/viewer/windowPresets';
import { commandForKey, type ViewerCommand } from '../keyBindings';

/** Keys a range input moves itself with: a focused slice slider keeps them. */
const SLIDER_KEYS = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'PageUp',
  'PageDown',
  'Home',
  'End',
]);

/** Keys that a focused form field handles itself. */
function fieldOwnsKey(target: EventTarget | null, key: string): boolean {
  if (target instanceof HTMLInputElement && target.type === 'range') return SLIDER_KEYS.has(key);
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement
  );
}

export function useViewerHotkeys(options: {
  /** Off while a dialog has the keyboard. */
  enabled: boolean;
  /** The window presets of the series in the active view. */
  presets: readonly WindowPreset[];
  run: (command: ViewerCommand) => boolean;
}): void {
  const { enabled, presets } = options;
  // The latest handler, without adding and removing the listener at every render.
  const run = useRef(options.run);
  useEffect(() => {
    run.current = options.run;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (fieldOwnsKey(e.target, e.key) || e.ctrlKey || e.metaKey || e.altKey) return;
      const command = commandForKey(e.key, presets);
      if (command && run.current(command)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, presets]);
}
