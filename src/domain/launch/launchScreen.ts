// The launch's early screen — the first image in the viewer's own frame, the patient's name
// above it — described once: the page builds it as DOM when it draws the image itself
// (lib/launchPreview/launchPreview.ts), the gateway writes it as HTML into the launch's page
// when it has the image first (server/launch/launchShot.ts). Its classes are plain, not CSS
// modules, so that the gateway names them too (lib/launchPreview/launchPreview.css).
import type { LaunchPreviewText } from './launchPreviewPlan';

/** The gateway's screen, found by the page when it reads the launch's answer. */
export const LAUNCH_SHOT_ID = 'drim-launch-shot';
/** On the gateway's screen: the preview's GET its image answers (launchPreviewPlan's path). */
export const LAUNCH_SHOT_PATH_ATTRIBUTE = 'data-preview-path';

export type ScreenPart =
  | 'screen'
  | 'main'
  | 'bar'
  | 'back'
  | 'title'
  | 'muted'
  | 'toolbar'
  | 'body'
  | 'side'
  | 'views'
  | 'report';

export const screenClass = (part: ScreenPart): string => `drim-launch-${part}`;

export type ScreenNode =
  | { kind: 'element'; tag: 'div' | 'span' | 'p'; parts: ScreenPart[]; children: ScreenNode[] }
  | { kind: 'text'; text: string }
  /** Where the image goes, named by `text.label`. */
  | { kind: 'image' };

const el = (
  tag: 'div' | 'span' | 'p',
  parts: ScreenPart[],
  ...children: ScreenNode[]
): ScreenNode => ({ kind: 'element', tag, parts, children });
const text = (value: string): ScreenNode => ({ kind: 'text', text: value });

/**
 * The viewer's frame as its skeleton lays it out (features/viewer/viewer.module.css: .frame,
 * .bar, .toolbarPlaceholder, .body, .views, .preview), so that the image stays where it is
 * when the viewer takes its place; the root is the returned element.
 */
export function launchScreen(words: LaunchPreviewText): ScreenNode {
  const born = words.born ? [text(' '), el('span', ['muted'], text(words.born))] : [];
  const title = el('p', ['title'], el('span', [], text(words.name)), ...born);
  return el(
    'div',
    ['screen'],
    el(
      'div',
      ['main'],
      el('div', ['bar'], el('span', ['back'], text(words.back)), title),
      el('div', ['toolbar']),
      el('div', ['body'], el('div', ['side']), el('div', ['views'], { kind: 'image' })),
    ),
    el('div', ['side', 'report']),
  );
}
