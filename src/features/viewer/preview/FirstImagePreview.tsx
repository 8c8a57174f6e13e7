// Draws the first image's preview (its study's session fetches it) where the viewport will be,
// fitted as Cornerstone fits a stack, and says that the tools are still on their way. It
// lets pointer events through: nothing here pretends to be the interactive view.
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { endLaunchPreview } from '../../../lib/launchPreview/launchPreview';
import { markViewerPhase } from '../../../lib/viewerTimeline';
import styles from '../viewer.module.css';

export function FirstImagePreview({ bitmap }: { bitmap: ImageBitmap }) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    try {
      context.drawImage(bitmap, 0, 0);
    } catch {
      // Closed meanwhile (the session ended): nothing to show.
      return;
    }
    // Said on the element itself, in the same frame as the drawing (tests and bench wait on it).
    boxRef.current?.setAttribute('data-state', 'shown');
    // The launch's own drawing of this image, if any, gives way in this very frame.
    endLaunchPreview();
    markViewerPhase('preview');
  }, [bitmap]);

  return (
    <div
      ref={boxRef}
      className={styles.preview}
      data-testid="first-image-preview"
      data-state="pending"
    >
      <canvas ref={canvasRef} role="img" aria-label={t('viewer.preview.label')} />
      <p className={styles.previewCaption} role="status">
        {t('viewer.preview.caption')}
      </p>
    </div>
  );
}
