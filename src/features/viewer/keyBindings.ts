// The viewer's keyboard, as one table: the key handler (hooks/useViewerHotkeys.ts), the help
// dialog (components/ShortcutHelp.tsx) and the toolbar's tooltips and aria-keyshortcuts all
// read it, so a key is declared here and nowhere else. Window presets keep their digit with
// the preset itself (domain/viewer/windowPresets.ts): which presets exist depends on the
// series shown.
import type { WindowPreset } from '../../domain/viewer/windowPresets';
import { presetsFor } from '../../domain/viewer/windowPresets';
import type { PrimaryTool } from '../../lib/cornerstone/viewerTools';
import type { ViewAction } from './components/toolbarChoices';

export type ViewerCommand =
  | { kind: 'scroll'; by: number }
  | { kind: 'goTo'; to: 'first' | 'last' }
  | { kind: 'view'; action: ViewAction }
  | { kind: 'tool'; tool: PrimaryTool }
  | { kind: 'preset'; preset: WindowPreset }
  | { kind: 'cine' }
  | { kind: 'help' };

/** Keys named in the reader's language (`viewer.help.keys.*`) rather than shown as typed. */
export type NamedKey = 'home' | 'end' | 'escape' | 'space';

/** The help dialog's rows (`viewer.help.<row>`), in the order it lists them. */
export const HELP_ROWS = [
  'next',
  'page',
  'ends',
  'presets',
  'invert',
  'rotate',
  'flip',
  'reset',
  'cine',
  'tools',
  'help',
] as const;
export type HelpRow = (typeof HELP_ROWS)[number];

export interface KeyBinding {
  /** As `KeyboardEvent.key` says it; a letter matches in either case. */
  key: string;
  /** How it is shown, when not as `key`. */
  label?: string | { named: NamedKey };
  command: Exclude<ViewerCommand, { kind: 'preset' }>;
  help: HelpRow;
}

const tool = (key: string, id: PrimaryTool): KeyBinding => ({
  key,
  command: { kind: 'tool', tool: id },
  help: 'tools',
});

export const KEY_BINDINGS: readonly KeyBinding[] = [
  { key: 'ArrowUp', label: '↑', command: { kind: 'scroll', by: -1 }, help: 'next' },
  { key: 'ArrowDown', label: '↓', command: { kind: 'scroll', by: 1 }, help: 'next' },
  { key: 'ArrowLeft', label: '←', command: { kind: 'scroll', by: -1 }, help: 'next' },
  { key: 'ArrowRight', label: '→', command: { kind: 'scroll', by: 1 }, help: 'next' },
  { key: 'PageUp', label: 'Page ↑', command: { kind: 'scroll', by: -10 }, help: 'page' },
  { key: 'PageDown', label: 'Page ↓', command: { kind: 'scroll', by: 10 }, help: 'page' },
  { key: 'Home', label: { named: 'home' }, command: { kind: 'goTo', to: 'first' }, help: 'ends' },
  { key: 'End', label: { named: 'end' }, command: { kind: 'goTo', to: 'last' }, help: 'ends' },
  { key: 'I', command: { kind: 'view', action: 'invert' }, help: 'invert' },
  { key: 'R', command: { kind: 'view', action: 'rotate' }, help: 'rotate' },
  { key: 'H', command: { kind: 'view', action: 'flipH' }, help: 'flip' },
  { key: 'V', command: { kind: 'view', action: 'flipV' }, help: 'flip' },
  {
    key: 'Escape',
    label: { named: 'escape' },
    command: { kind: 'view', action: 'reset' },
    help: 'reset',
  },
  { key: ' ', label: { named: 'space' }, command: { kind: 'cine' }, help: 'cine' },
  tool('W', 'windowLevel'),
  tool('P', 'pan'),
  tool('Z', 'zoom'),
  tool('S', 'scroll'),
  tool('L', 'length'),
  tool('A', 'angle'),
  tool('E', 'ellipse'),
  tool('B', 'rectangle'),
  tool('O', 'probe'),
  { key: '?', command: { kind: 'help' }, help: 'help' },
];

const sameKey = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** What a key press asks for, with the presets of the series shown; null when nothing. */
export function commandForKey(key: string, presets: readonly WindowPreset[]): ViewerCommand | null {
  const bound = KEY_BINDINGS.find((b) => sameKey(b.key, key));
  if (bound) return bound.command;
  const preset = presets.find((p) => p.key === key);
  return preset ? { kind: 'preset', preset } : null;
}

export function bindingOfTool(id: PrimaryTool): KeyBinding | undefined {
  return KEY_BINDINGS.find((b) => b.command.kind === 'tool' && b.command.tool === id);
}

export function bindingOfViewAction(action: ViewAction): KeyBinding | undefined {
  return KEY_BINDINGS.find((b) => b.command.kind === 'view' && b.command.action === action);
}

export function bindingOf(kind: 'help' | 'cine'): KeyBinding | undefined {
  return KEY_BINDINGS.find((b) => b.command.kind === kind);
}

/** The key as `aria-keyshortcuts` names it. */
export function ariaKeyOf(binding: KeyBinding): string {
  return binding.key === ' ' ? 'Space' : binding.key;
}

/** The digits of the CT presets, as the help dialog lists them (« 1 – 5 »). */
export function presetKeysText(): string {
  const keys = presetsFor('CT').map((p) => p.key);
  return keys.length > 1 ? `${keys[0]} – ${keys[keys.length - 1]}` : (keys[0] ?? '');
}
