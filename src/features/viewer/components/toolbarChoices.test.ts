import { describe, expect, it } from 'vitest';
import { presetsFor } from '../../../domain/viewer/windowPresets';
import { TOOL_KEYS, VIEW_ACTION_KEYS, VIEW_ACTIONS } from './toolbarChoices';

/** Keys the workspace handles itself (ViewerWorkspace.tsx), lower case. */
const FIXED_KEYS = [
  'arrowup',
  'arrowdown',
  'arrowleft',
  'arrowright',
  'pageup',
  'pagedown',
  'home',
  'end',
  '?',
  ' ',
];

describe('toolbar shortcuts', () => {
  it('runs each one-shot view action from the key its button announces', () => {
    expect(VIEW_ACTION_KEYS).toEqual({
      i: 'invert',
      r: 'rotate',
      h: 'flipH',
      v: 'flipV',
      escape: 'reset',
    });
    for (const { id, shortcut } of VIEW_ACTIONS) {
      if (shortcut) expect(VIEW_ACTION_KEYS[shortcut.aria.toLowerCase()]).toBe(id);
    }
  });

  it('gives no key two meanings, whatever the modality’s presets', () => {
    for (const modality of ['CT', 'MR', 'DX', '']) {
      const keys = [
        ...FIXED_KEYS,
        ...Object.keys(TOOL_KEYS),
        ...Object.keys(VIEW_ACTION_KEYS),
        ...presetsFor(modality).map((p) => p.key.toLowerCase()),
      ];
      expect(new Set(keys).size, modality).toBe(keys.length);
    }
  });
});
