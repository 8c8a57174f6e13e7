import { useTranslation } from 'react-i18next';
import type { WindowPreset } from '../../../domain/viewer/windowPresets';
import type { PrimaryTool } from '../../../lib/cornerstone/viewerTools';
import { useKeyText } from '../hooks/useKeyText';
import { ariaKeyOf, bindingOf, bindingOfTool, bindingOfViewAction } from '../keyBindings';
import { LAYOUTS, TOOLS, VIEW_ACTIONS, type LayoutId, type ViewAction } from './toolbarChoices';
import styles from '../viewer.module.css';

interface Props {
  tool: PrimaryTool;
  onTool: (tool: PrimaryTool) => void;
  presets: readonly WindowPreset[];
  onPreset: (preset: WindowPreset) => void;
  /** What each one-shot view button does (its key runs the same, in the workspace). */
  actions: Readonly<Record<ViewAction, () => void>>;
  cinePlaying: boolean;
  onCine: () => void;
  fps: number;
  onFps: (fps: number) => void;
  canCine: boolean;
  layout: LayoutId;
  onLayout: (layout: LayoutId) => void;
  mpr: boolean;
  canMpr: boolean;
  onMpr: () => void;
  onHelp: () => void;
  /**
   * The hanging protocol in use, named, and the others that apply: choosing one lays the
   * views out again. Absent when the user's own layout is all there is.
   */
  protocol?: {
    options: readonly { id: string; name: string }[];
    value: string;
    onChange: (id: string) => void;
  };
  /** The layout buttons apply to the user's own layout only. */
  freeLayout: boolean;
  /** « Comparer »: the proposed prior beside the current study, in one click. */
  compare?: {
    /** A prior is proposed. */
    available: boolean;
    /** Compare mode is on (the button leaves it). */
    active: boolean;
    busy: boolean;
    /** What a click does, in words (the proposed prior's date and description). */
    title: string;
    onClick: () => void;
  };
}

export function ViewerToolbar(p: Props) {
  const { t } = useTranslation();
  const keyText = useKeyText();
  const help = bindingOf('help');
  return (
    <div className={styles.toolbar} role="toolbar" aria-label={t('viewer.tools.label')}>
      {/* Toggle buttons, not radios: a screen reader says « Angle, bouton, activé », and
          Tab reaches each one (a radio group would keep only the checked one in the order). */}
      <div className={styles.toolGroup} role="group" aria-label={t('viewer.tools.primary')}>
        {TOOLS.map((id) => {
          const shortcut = bindingOfTool(id);
          return (
            <button
              key={id}
              type="button"
              aria-pressed={p.tool === id}
              aria-keyshortcuts={shortcut && ariaKeyOf(shortcut)}
              className={styles.toolButton}
              onClick={() => p.onTool(id)}
              disabled={p.mpr}
              title={shortcut && `${t(`viewer.tools.${id}`)} (${keyText(shortcut)})`}
              data-testid={`tool-${id}`}
            >
              {t(`viewer.tools.${id}`)}
            </button>
          );
        })}
        {/* A tool chosen by its shortcut letter changes no focused control: say it. */}
        <span className={styles.visuallyHidden} aria-live="polite" data-testid="active-tool">
          {t('viewer.tools.active', { tool: t(`viewer.tools.${p.tool}`) })}
        </span>
      </div>
      {p.presets.length > 0 && (
        <label className={styles.toolField}>
          <span className={styles.visuallyHidden}>{t('viewer.tools.presets')}</span>
          <select
            value=""
            onChange={(e) => {
              const preset = p.presets.find((x) => x.id === e.target.value);
              if (preset) p.onPreset(preset);
            }}
            data-testid="preset-select"
          >
            <option value="">{t('viewer.tools.presetNone')}</option>
            {p.presets.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {`${preset.key}. ${t(`viewer.presets.${preset.id}`)}`}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className={styles.toolGroup}>
        {VIEW_ACTIONS.map(({ id, testId }) => {
          const shortcut = bindingOfViewAction(id);
          return (
            <button
              key={id}
              type="button"
              className={styles.toolButton}
              onClick={p.actions[id]}
              title={shortcut && `${t(`viewer.tools.${id}`)} (${keyText(shortcut)})`}
              aria-keyshortcuts={shortcut && ariaKeyOf(shortcut)}
              data-testid={testId}
            >
              {t(`viewer.tools.${id}`)}
            </button>
          );
        })}
      </div>
      <div className={styles.toolGroup}>
        <button
          type="button"
          className={styles.toolButton}
          aria-pressed={p.cinePlaying}
          onClick={p.onCine}
          disabled={!p.canCine}
          data-testid="cine-toggle"
        >
          {p.cinePlaying ? t('viewer.tools.pause') : t('viewer.tools.play')}
        </button>
        <label className={styles.toolField}>
          <span>{t('viewer.tools.fps')}</span>
          <input
            type="number"
            min={1}
            max={60}
            value={p.fps}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (Number.isFinite(v) && v >= 1 && v <= 60) p.onFps(v);
            }}
            data-testid="cine-fps"
          />
        </label>
      </div>
      {p.compare && (
        <button
          type="button"
          className={`${styles.toolButton} ${styles.compareButton}`}
          aria-pressed={p.compare.active}
          onClick={p.compare.onClick}
          disabled={!p.compare.available && !p.compare.active}
          title={p.compare.title}
          data-testid="compare-toggle"
        >
          {p.compare.busy
            ? t('viewer.compare.opening')
            : p.compare.active
              ? t('viewer.compare.close')
              : t('viewer.compare.open')}
        </button>
      )}
      {p.protocol && (
        <label className={styles.toolField}>
          <span>{t('viewer.hangingProtocols.label')}</span>
          <select
            value={p.protocol.value}
            onChange={(e) => p.protocol?.onChange(e.target.value)}
            disabled={p.mpr || p.protocol.options.length < 2}
            data-testid="protocol-select"
          >
            {p.protocol.options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className={styles.toolGroup} role="radiogroup" aria-label={t('viewer.tools.layout')}>
        {LAYOUTS.map((l) => (
          <button
            key={l}
            type="button"
            role="radio"
            aria-checked={p.freeLayout && p.layout === l}
            className={styles.toolButton}
            onClick={() => p.onLayout(l)}
            disabled={p.mpr || !p.freeLayout}
            data-testid={`layout-${l}`}
          >
            {t(`viewer.layouts.${l}`)}
          </button>
        ))}
      </div>
      <button
        type="button"
        className={styles.toolButton}
        aria-pressed={p.mpr}
        onClick={p.onMpr}
        disabled={!p.canMpr && !p.mpr}
        title={p.canMpr || p.mpr ? undefined : t('viewer.tools.mprUnavailable')}
        data-testid="mpr-toggle"
      >
        {p.mpr ? t('viewer.tools.mprOff') : t('viewer.tools.mpr')}
      </button>
      <button
        type="button"
        className={styles.toolButton}
        onClick={p.onHelp}
        aria-keyshortcuts={help && ariaKeyOf(help)}
        data-testid="help-button"
      >
        ?<span className={styles.visuallyHidden}>{t('viewer.tools.help')}</span>
      </button>
    </div>
  );
}
