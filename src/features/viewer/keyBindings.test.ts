import { describe, expect, it } from 'vitest';
import { presetsFor } from '../../domain/viewer/windowPresets';
import { TOOLS, VIEW_ACTIONS } from './components/toolbarChoices';
import {
  HELP_ROWS,
  KEY_BINDINGS,
  bindingOfTool,
  bindingOfViewAction,
  commandForKey,
  presetKeysText,
} from './keyBindings';

describe('the viewer’s key table', () => {
  it('gives no key two meanings, whatever the modality’s presets', () => {
    for (const modality of ['CT', 'MR', 'DX', '']) {
      const keys = [
        ...KEY_BINDINGS.map((b) => b.key.toLowerCase()),
        ...presetsFor(modality).map((p) => p.key.toLowerCase()),
      ];
      expect(new Set(keys).size, modality).toBe(keys.length);
    }
  });

  it('runs each toolbar tool and one-shot view action from the key its button announces', () => {
    for (const id of TOOLS) {
      const binding = bindingOfTool(id);
      expect(binding, id).toBeDefined();
      expect(commandForKey(binding?.key.toLowerCase() ?? '', [])).toEqual({
        kind: 'tool',
        tool: id,
      });
    }
    const keyed = VIEW_ACTIONS.filter(({ id }) => bindingOfViewAction(id));
    expect(keyed.map(({ id }) => id)).toEqual(['invert', 'rotate', 'flipH', 'flipV', 'reset']);
    for (const { id } of keyed) {
      expect(commandForKey(bindingOfViewAction(id)?.key ?? '', [])).toEqual({
        kind: 'view',
        action: id,
      });
    }
  });

  it('reads letters in either case, named keys as the browser names them', () => {
    expect(commandForKey('w', [])).toEqual({ kind: 'tool', tool: 'windowLevel' });
    expect(commandForKey('W', [])).toEqual({ kind: 'tool', tool: 'windowLevel' });
    expect(commandForKey('Escape', [])).toEqual({ kind: 'view', action: 'reset' });
    expect(commandForKey('PageDown', [])).toEqual({ kind: 'scroll', by: 10 });
    expect(commandForKey(' ', [])).toEqual({ kind: 'cine' });
    expect(commandForKey('x', [])).toBeNull();
  });

  it('chooses a window preset by its digit only where the series has presets', () => {
    const [lung] = presetsFor('CT');
    expect(commandForKey('1', presetsFor('CT'))).toEqual({ kind: 'preset', preset: lung });
    expect(commandForKey('1', presetsFor('MR'))).toBeNull();
    expect(presetKeysText()).toBe('1 – 5');
  });

  it('lists every key in the help dialog', () => {
    for (const binding of KEY_BINDINGS) expect(HELP_ROWS).toContain(binding.help);
    for (const row of HELP_ROWS.filter((r) => r !== 'presets')) {
      expect(
        KEY_BINDINGS.some((b) => b.help === row),
        row,
      ).toBe(true);
    }
  });
});
