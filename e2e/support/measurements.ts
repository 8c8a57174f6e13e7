// Measurements as the page's test hook reports them (src/lib/cornerstone/testHook.ts), and
// as a user reads them beside the image.
import { expect, type Page } from '@playwright/test';
import { viewerHook as hook, type Point3 } from './viewerPage';

export interface Measurement {
  toolName: string;
  stats: Record<string, unknown>;
  points: Point3[];
  settled: boolean;
}

/** The one measurement of the page, once its statistic `statKey` is computed. */
export async function onlyMeasurement(page: Page, statKey: string): Promise<Measurement> {
  await expect
    .poll(async () => {
      const all = await hook<Measurement[]>(page, 'measurements');
      return (
        all.length === 1 && all[0]?.settled === true && typeof all[0].stats?.[statKey] === 'number'
      );
    })
    .toBe(true);
  const [m] = await hook<Measurement[]>(page, 'measurements');
  if (!m) throw new Error('no measurement');
  return m;
}

/** The text Cornerstone drew beside the measurements of the first view, as a user reads it. */
export async function annotationText(page: Page): Promise<string> {
  const text = await page.getByTestId('viewport-0').locator('svg text').allTextContents();
  return text.join(' | ').replace(/\u202f|\u00a0/g, ' ');
}
