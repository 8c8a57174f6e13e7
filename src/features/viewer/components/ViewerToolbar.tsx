// The viewer's toolbar: one row of icon buttons, grouped (left-button tools, window
// presets, view changes, cine, comparison and layout, help). Actions on the whole study
// (downloads) are not image tools: they sit in the header bar (ViewerHeaderBar's
// `actions`). Each button says its French name to screen readers (a visually hidden
// label) and in a tooltip with its key; the keys themselves live in ../keyBindings.ts.
//
// On a narrow toolbar (a phone, a split tablet) the row keeps the controls to look around
// with; the rest waits behind « Plus d’outils », which unfolds the same toolbar over the
// image. The same elements are shown or hidden — never copied — so each control has one
// test id, one state and one place in the Tab order.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NuclearColormap } from '../../../domain/viewer/nuclearDisplay';
import type { WindowPreset } from '../../../domain/viewer/windowPresets';
import type { PrimaryTool } from '../../../lib/cornerstone/viewerTools';
import { useKeyText } from '../hooks/useKeyText';
import {
  ariaKeyOf,
  bindingOf,
  bindingOfTool,
  bindingOfViewAction,
  type KeyBinding,
} from '../keyBindings';
import {
  LAYOUTS,
  staysInNarrowRow,
  toolsFor,
  viewActionsFor,
  type LayoutId,
  type ToolbarAudience,
  type ViewAction,
} from './toolbarChoices';
import { ColormapSelect } from './ColormapSelect';
import { ACTION_ICONS, LAYOUT_ICONS, OTHER_ICONS, TOOL_ICONS } from './toolbarIcons';
import styles from '../viewer.module.css';

interface Props {
  /** A patient's toolbar has the controls to look around with only. */
  audience?: ToolbarAudience;
  tool: PrimaryTool;
  onTool: (tool: PrimaryTool) => void;
  presets: readonly WindowPreset[];
  onPreset: (preset: WindowPreset) => void;
  /** A PET or NM view's colour map (ColormapSelect); absent for other views. */
  colormap?: { value: NuclearColormap; onChange: (id: NuclearColormap) => void };
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
  /** « Fusion TEP-TDM »: offered only when the study holds a PET and its CT. */
  fusion?: { active: boolean; onClick: () => void };
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

interface IconButtonProps {
  label: string;
  icon: (typeof TOOL_ICONS)[PrimaryTool];
  shortcut?: KeyBinding | undefined;
  /** Hidden in a narrow row until « Plus d’outils » unfolds it. */
  overflow?: boolean;
  testId: string;
  pressed?: boolean;
  radioChecked?: boolean;
  disabled?: boolean;
  /** The tooltip when it says more than the name (why it is disabled, what it opens). */
  tip?: string;
  onClick: () => void;
  className?: string;
  /** Words shown beside the icon, for a control an icon alone would not explain. */
  text?: string;
}

function IconButton(p: IconButtonProps) {
  const keyText = useKeyText();
  const Icon = p.icon;
  const tip = p.tip ?? (p.shortcut ? `${p.label} (${keyText(p.shortcut)})` : p.label);
  return (
    <button
      type="button"
      className={`${styles.toolButton} ${p.className ?? ''}`}
      aria-pressed={p.pressed}
      role={p.radioChecked === undefined ? undefined : 'radio'}
      aria-checked={p.radioChecked}
      aria-keyshortcuts={p.shortcut && ariaKeyOf(p.shortcut)}
      disabled={p.disabled}
      onClick={p.onClick}
      data-tip={tip}
      data-overflow={p.overflow ? '' : undefined}
      data-testid={p.testId}
    >
      <Icon aria-hidden="true" focusable="false" size={18} strokeWidth={2} />
      {p.text ? (
        <span className={styles.toolText}>{p.text}</span>
      ) : (
        <span className={styles.visuallyHidden}>{p.label}</span>
      )}
    </button>
  );
}

export function ViewerToolbar(p: Props) {
  const { t } = useTranslation();
  const audience = p.audience ?? 'professional';
  const professional = audience === 'professional';
  const help = bindingOf('help');
  const [expanded, setExpanded] = useState(false);
  // « Fenêtrage » is a radiologist's word: a patient moves brightness and contrast.
  const toolLabel = (id: PrimaryTool) =>
    !professional && id === 'windowLevel'
      ? t('viewer.patientView.windowLevel')
      : t(`viewer.tools.${id}`);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  const toolbarId = useId();

  // An unfolded toolbar folds back when the user goes on to the image.
  useEffect(() => {
    if (!expanded) return;
    const onPointer = (e: PointerEvent) => {
      if (e.target instanceof Node && !toolbarRef.current?.contains(e.target)) setExpanded(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [expanded]);

  /** A choice made in the unfolded toolbar folds it: the image is what the user wants next. */
  const chosen = (run: () => void) => () => {
    run();
    if (expanded) setExpanded(false);
  };

  return (
    <div className={styles.toolbarHost}>
      <div
        ref={toolbarRef}
        id={toolbarId}
        className={styles.toolbar}
        role="toolbar"
        aria-label={t('viewer.tools.label')}
        data-expanded={expanded}
        data-testid="viewer-toolbar"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && expanded) {
            e.stopPropagation();
            setExpanded(false);
            moreRef.current?.focus();
          }
        }}
      >
        {/* Toggle buttons, not radios: a screen reader says « Angle, bouton, activé », and
            Tab reaches each one (a radio group would keep only the checked one in the order). */}
        <div className={styles.toolGroup} role="group" aria-label={t('viewer.tools.primary')}>
          {toolsFor(audience).map((id) => (
            <IconButton
              key={id}
              label={toolLabel(id)}
              icon={TOOL_ICONS[id]}
              shortcut={bindingOfTool(id)}
              overflow={professional && !staysInNarrowRow(id)}
              pressed={p.tool === id}
              disabled={p.mpr}
              onClick={chosen(() => p.onTool(id))}
              testId={`tool-${id}`}
            />
          ))}
          {/* A tool chosen by its shortcut letter changes no focused control: say it. */}
          <span className={styles.visuallyHidden} aria-live="polite" data-testid="active-tool">
            {t('viewer.tools.active', { tool: toolLabel(p.tool) })}
          </span>
        </div>
        {p.presets.length > 0 && (
          <label className={styles.toolField} data-tip={t('viewer.tools.presets')} data-overflow="">
            <span className={styles.visuallyHidden}>{t('viewer.tools.presets')}</span>
            <select
              className={styles.presetSelect}
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
        {p.colormap && <ColormapSelect value={p.colormap.value} onChange={p.colormap.onChange} />}
        <div className={styles.toolGroup} role="group" aria-label={t('viewer.tools.view')}>
          {viewActionsFor(audience).map(({ id, testId }) => (
            <IconButton
              key={id}
              label={t(`viewer.tools.${id}`)}
              icon={ACTION_ICONS[id]}
              shortcut={bindingOfViewAction(id)}
              overflow
              onClick={chosen(p.actions[id])}
              testId={testId}
            />
          ))}
        </div>
        {professional && (
          <div
            className={styles.toolGroup}
            role="group"
            aria-label={t('viewer.tools.cine')}
            data-overflow=""
          >
            <IconButton
              label={p.cinePlaying ? t('viewer.tools.pause') : t('viewer.tools.play')}
              icon={p.cinePlaying ? OTHER_ICONS.pause : OTHER_ICONS.play}
              shortcut={bindingOf('cine')}
              pressed={p.cinePlaying}
              disabled={!p.canCine}
              onClick={p.onCine}
              testId="cine-toggle"
            />
            <label className={styles.toolField} data-tip={t('viewer.tools.fps')}>
              <span className={styles.visuallyHidden}>{t('viewer.tools.fps')}</span>
              <input
                className={styles.fpsInput}
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
        )}
        {professional && (
          <div className={styles.toolGroup} data-overflow="">
            {p.protocol && (
              <label className={styles.toolField} data-tip={t('viewer.hangingProtocols.label')}>
                <span className={styles.visuallyHidden}>{t('viewer.hangingProtocols.label')}</span>
                <select
                  className={styles.protocolSelect}
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
            <div
              className={styles.toolGroup}
              role="radiogroup"
              aria-label={t('viewer.tools.layout')}
            >
              {LAYOUTS.map((l) => (
                <IconButton
                  key={l}
                  label={t('viewer.tools.layoutOf', { layout: t(`viewer.layouts.${l}`) })}
                  icon={LAYOUT_ICONS[l]}
                  radioChecked={p.freeLayout && p.layout === l}
                  disabled={p.mpr || !p.freeLayout}
                  onClick={chosen(() => p.onLayout(l))}
                  testId={`layout-${l}`}
                />
              ))}
            </div>
            <IconButton
              label={p.mpr ? t('viewer.tools.mprOff') : t('viewer.tools.mpr')}
              icon={OTHER_ICONS.mpr}
              pressed={p.mpr}
              disabled={!p.canMpr && !p.mpr}
              tip={p.canMpr || p.mpr ? undefined : t('viewer.tools.mprUnavailable')}
              onClick={chosen(p.onMpr)}
              testId="mpr-toggle"
            />
            {p.fusion && (
              <IconButton
                label={p.fusion.active ? t('fusion.close') : t('fusion.open')}
                icon={OTHER_ICONS.fusion}
                pressed={p.fusion.active}
                onClick={chosen(p.fusion.onClick)}
                testId="fusion-toggle"
              />
            )}
          </div>
        )}
        {p.compare && (
          <IconButton
            className={styles.compareButton}
            label={
              p.compare.busy
                ? t('viewer.compare.opening')
                : p.compare.active
                  ? t('viewer.compare.close')
                  : t('viewer.compare.open')
            }
            icon={OTHER_ICONS.compare}
            pressed={p.compare.active}
            disabled={!p.compare.available && !p.compare.active}
            tip={p.compare.title}
            overflow
            onClick={chosen(p.compare.onClick)}
            testId="compare-toggle"
          />
        )}
        <IconButton
          label={t('viewer.tools.help')}
          icon={OTHER_ICONS.help}
          shortcut={help}
          onClick={p.onHelp}
          testId="help-button"
        />
        <button
          ref={moreRef}
          type="button"
          className={`${styles.toolButton} ${styles.moreButton}`}
          aria-expanded={expanded}
          aria-controls={toolbarId}
          data-tip={expanded ? t('viewer.tools.less') : t('viewer.tools.more')}
          onClick={() => setExpanded((v) => !v)}
          data-testid="toolbar-more"
        >
          <OTHER_ICONS.more aria-hidden="true" focusable="false" size={18} />
          <span className={styles.visuallyHidden}>{t('viewer.tools.more')}</span>
        </button>
      </div>
    </div>
  );
}
