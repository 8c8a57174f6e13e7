// Draws the first image's preview (its study's session fetches it) where the viewport will be,
// fitted as Cornerstone fits a stack, and says that the tools are still on their way. It
// lets pointer events through: nothing here pretends to be the interactive view.
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { endLaunchPreview } from '../../../lib/launchPreview/launchPreview';
import { markViewerPhase } from '../../../lib/viewerTimeline';
import styles from '../viewer.module.css';
import { previewCanvasOf } from './previewCanvas';

export function FirstImagePreview({ bitmap }: { bitmap: ImageBitmap }) {
  const { t } = useTranslation();
  const label = t('viewer.preview.label');
  const boxRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const box = boxRef.current;
    const canvas = previewCanvasOf(bitmap);
    if (!box || !canvas) return;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', label);
    // The same canvas goes from the loading frame to the workspace (previewCanvas.ts).
    box.prepend(canvas);
    // Said on the element itself, in the same frame as the drawing (tests and bench wait on it).
    box.setAttribute('data-state', 'shown');
    // The launch's own drawing of this image, if any, gives way in this very frame.
    endLaunchPreview();
    markViewerPhase('preview');
    return () => {
      if (canvas.parentElement === box) canvas.remove();
    };
  }, [bitmap, label]);

  return (
    <div
      ref={boxRef}
      className={styles.preview}
      data-testid="first-image-preview"
      data-state="pending"
    >
      <p className={styles.previewCaption} role="status">
        {t('viewer.preview.caption')}
      </p>
    </div>
  );
}
