// The PET/CT fusion view against the generator's PET/CT phantom (thomas-pt-2026): a CT and a
// PET of one frame of reference with spheres of known activity at the same centres, whose
// CT inserts have known HU (ManifestSeries.pet). Checked on numbers read from the page —
// the volumes' values under a world point and the colours drawn there — never on
// screenshots: the hottest sphere's colour (the PET layer's colour map at its uptake) must
// land where the CT shows that sphere's insert.
import { expect, test, type Page } from '@playwright/test';
import type {
  CrossSectionTruth,
  ManifestPetTruth,
  ManifestSeries,
  ManifestStudy,
} from '../dev/sample-data/manifest';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';
import { openStudyInApp, studyIn, viewerHook as hook, type Point3 } from './support/viewerPage';

const stack = readStackInfo();
const manifest = readManifest(stack);

const CT = 'drim-fusion-ct';
const PET = 'drim-fusion-pet';
const FUSED = 'drim-fusion-fusion';
const MIP = 'drim-fusion-mip';

type Rgb = [number, number, number];
type Sphere = ManifestPetTruth['spheres'][number];

interface PetCt {
  study: ManifestStudy;
  pet: ManifestSeries & { pet: ManifestPetTruth };
  ct: ManifestSeries;
  ctPhantom: CrossSectionTruth;
  petPhantom: CrossSectionTruth;
  hottest: Sphere;
}

function petCt(): PetCt {
  const study = studyIn(manifest, 'thomas-pt-2026');
  const pet = study.series.find((s) => s.modality === 'PT' && s.pet);
  if (!pet?.pet) throw new Error('thomas-pt-2026 has no PET with its truth');
  const truth = pet.pet;
  const ct = study.series.find((s) => s.seriesInstanceUID === truth.ctSeriesInstanceUID);
  if (!ct) throw new Error('the PET’s CT is not in the study');
  const ctPhantom = ct.phantom;
  const petPhantom = pet.phantom;
  if (ctPhantom?.kind !== 'cross-section' || petPhantom?.kind !== 'cross-section') {
    throw new Error('cross-section phantoms expected');
  }
  const hottest = [...truth.spheres].sort((a, b) => b.suvbw - a.suvbw)[0];
  if (!hottest) throw new Error('no sphere');
  return { study, pet: { ...pet, pet: truth }, ct, ctPhantom, petPhantom, hottest };
}

/**
 * A point of the body at the hottest sphere's slice, well away from every sphere and from
 * the spine: half-way between the body's centre and its edge, on the side away from them.
 */
function bodyPointAway(p: PetCt): Point3 {
  const body = p.ctPhantom.shapes.find((s) => s.label === 'body');
  if (body?.kind !== 'cylinder') throw new Error('no body cylinder');
  const z = p.hottest.centerMm[2];
  const candidates: Point3[] = [0, 45, 90, 135, 180, 225, 270, 315].map((deg) => {
    const r = body.radiusMm / 2;
    const a = (deg * Math.PI) / 180;
    return [body.centerMm[0] + r * Math.cos(a), body.centerMm[1] + r * Math.sin(a), z];
  });
  const clearance = (pt: Point3) =>
    Math.min(
      ...p.ctPhantom.shapes
        .filter((s) => s.label !== 'body')
        .map((s) => {
          if (s.kind === 'sphere')
            return Math.hypot(...pt.map((v, i) => v - s.centerMm[i]!)) - s.radiusMm;
          if (s.kind === 'cylinder')
            return Math.hypot(pt[0] - s.centerMm[0], pt[1] - s.centerMm[1]) - s.radiusMm;
          return Number.POSITIVE_INFINITY;
        }),
    );
  const best = candidates.sort((a, b) => clearance(b) - clearance(a))[0];
  if (!best || clearance(best) < 30) throw new Error('no body point 30 mm clear of the inserts');
  return best;
}

const distance = (a: readonly number[], b: readonly number[]) =>
  Math.hypot(...a.map((v, i) => v - (b[i] ?? 0)));

const colourAt = (page: Page, vp: string, at: Point3) => hook<Rgb>(page, 'colourAt', vp, at);
const luminance = ([r, g, b]: readonly number[]) =>
  0.299 * (r ?? 0) + 0.587 * (g ?? 0) + 0.114 * (b ?? 0);

async function openWithHook(page: Page, study: ManifestStudy) {
  await page.addInitScript(() => {
    (window as { __drimViewerTestEnabled?: boolean }).__drimViewerTestEnabled = true;
  });
  await openStudyInApp(page, 'radiologue', study);
}

/** The fusion view drawn with both volumes loaded (under load, most of a minute). */
async function fusionRendered(page: Page) {
  await expect(page.getByTestId('fusion')).toHaveAttribute('data-render-state', 'rendered', {
    timeout: 120_000,
  });
}

test.describe('PET/CT fusion', () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test('opens by itself and lays the hottest sphere’s colour on the CT’s sphere', async ({
    page,
  }) => {
    const p = petCt();
    await openWithHook(page, p.study);

    // The hanging protocol chose the fusion view: nobody clicked anything.
    await fusionRendered(page);
    const fusion = page.getByTestId('fusion');
    await expect(fusion).toHaveAttribute('data-ct-series', p.ct.seriesInstanceUID);
    await expect(fusion).toHaveAttribute('data-pet-series', p.pet.seriesInstanceUID);
    await expect(page.getByTestId('protocol-select')).toHaveValue('petCtFusion');
    await expect(page.getByTestId('fusion-toggle')).toHaveAttribute('aria-pressed', 'true');
    for (const pane of ['ct', 'pet', 'fusion', 'mip']) {
      await expect(page.getByTestId(`fusion-${pane}`)).toBeVisible();
    }
    // The fused view holds the CT, then the PET over it.
    const [ctVolume = '', petVolume = ''] = await hook<string[]>(page, 'volumeIds', FUSED);
    expect(ctVolume).toContain(p.ct.seriesInstanceUID);
    expect(petVolume).toContain(p.pet.seriesInstanceUID);
    const inSuv = (await fusion.getAttribute('data-pet-units')) === 'suv';
    const petTruth = (s: Sphere) => (inSuv ? s.suvbw : s.bqml);

    // A click on the MIP at the hottest sphere takes the axial views to its slice.
    const [mx = 0, my = 0] = await hook<number[]>(page, 'worldToPage', MIP, p.hottest.centerMm);
    await page.mouse.click(Math.round(mx), Math.round(my));
    const sliceZ = async (vp: string) =>
      (await hook<{ focalPoint: Point3 }>(page, 'camera', vp)).focalPoint[2];
    const petSpacing = Math.abs(p.petPhantom.sliceStepZ);
    await expect
      .poll(async () => Math.abs((await sliceZ(FUSED)) - p.hottest.centerMm[2]))
      .toBeLessThanOrEqual(petSpacing);
    const z = await sliceZ(FUSED);
    expect(Math.abs((await sliceZ(CT)) - z)).toBeLessThan(0.01);
    expect(Math.abs((await sliceZ(PET)) - z)).toBeLessThan(0.01);
    const at: Point3 = [p.hottest.centerMm[0], p.hottest.centerMm[1], z];

    // Under that point the CT holds the sphere's insert and the PET its uptake.
    const ctValue = await hook<number | null>(page, 'volumeValueAt', ctVolume, at);
    expect(Math.abs((ctValue ?? Number.NaN) - p.hottest.ctHu)).toBeLessThanOrEqual(
      p.ctPhantom.noiseAmplitude,
    );
    const petValue = await hook<number | null>(page, 'volumeValueAt', petVolume, at);
    expect(Math.abs((petValue ?? Number.NaN) / petTruth(p.hottest) - 1)).toBeLessThan(0.02);

    // Fully opaque (keyboard: End), the fused pixel is the PET colour map's colour of the
    // uptake under it, wherever the CT's own grey is: hot iron's dark red on the body, not
    // the CT's grey there…
    const opacity = page.getByTestId('fusion-opacity');
    await opacity.focus();
    await page.keyboard.press('End');
    await expect(opacity).toHaveValue('100');
    const body = bodyPointAway(p);
    const bodyPet = await hook<number>(page, 'volumeValueAt', petVolume, body);
    const layerColour = (value: number) => hook<Rgb>(page, 'layerColour', FUSED, petVolume, value);
    await expect
      .poll(async () => distance(await colourAt(page, FUSED, body), await layerColour(bodyPet)))
      .toBeLessThan(30);
    expect(
      distance(await colourAt(page, FUSED, body), await colourAt(page, CT, body)),
    ).toBeGreaterThan(60);
    // …and, in a colour map whose hot end is not the CT's white (the rainbow's magenta), the
    // hottest sphere's colour exactly where the CT shows its insert, and nowhere on the body.
    await page.getByTestId('fusion-colormap').selectOption('rainbow');
    const sphereColour = await layerColour(petTruth(p.hottest));
    await expect
      .poll(async () => distance(await colourAt(page, FUSED, at), sphereColour))
      .toBeLessThan(30);
    expect(distance(await colourAt(page, CT, at), sphereColour)).toBeGreaterThan(100);
    const fusedBody = await colourAt(page, FUSED, body);
    expect(distance(fusedBody, await layerColour(bodyPet))).toBeLessThan(30);
    expect(distance(fusedBody, sphereColour)).toBeGreaterThan(100);

    // Half opaque, the fused pixel is a real mix: well away from both the CT's grey and the
    // PET's colour, between them. (vtk.js composites the two volumes through the view's thin
    // slab, so the mix is near, not exactly at, half-way: 15 % of the way off was measured.)
    await opacity.fill('50');
    const ctBody = await colourAt(page, CT, body);
    const petBody = await layerColour(bodyPet);
    const apart = distance(ctBody, petBody);
    expect(apart).toBeGreaterThan(100);
    await expect
      .poll(async () => {
        const fused = await colourAt(page, FUSED, body);
        return Math.min(distance(fused, ctBody), distance(fused, petBody)) / apart;
      })
      .toBeGreaterThan(0.25);
    const mixed = await colourAt(page, FUSED, body);
    expect(distance(mixed, ctBody) + distance(mixed, petBody)).toBeLessThan(apart * 1.2);

    // Opacity 0 (Home): the fused pane shows the CT alone, pixel for pixel as the CT pane.
    await opacity.focus();
    await page.keyboard.press('Home');
    await expect(opacity).toHaveValue('0');
    await expect
      .poll(async () => distance(await colourAt(page, FUSED, at), await colourAt(page, CT, at)))
      .toBeLessThan(6);
    // …and the CT pane shows the insert brighter than the soft tissue around it.
    expect(luminance(await colourAt(page, CT, at))).toBeGreaterThan(
      luminance(await colourAt(page, CT, body)) + 40,
    );

    // The MIP is drawn: in inverted grey the hottest sphere is dark where it projects, the
    // body lighter, the air around it lightest.
    const mipSphere = luminance(await colourAt(page, MIP, p.hottest.centerMm));
    const mipBody = luminance(await colourAt(page, MIP, body));
    const bodyCylinder = p.ctPhantom.shapes.find((s) => s.label === 'body');
    if (bodyCylinder?.kind !== 'cylinder') throw new Error('no body cylinder');
    const air: Point3 = [bodyCylinder.centerMm[0] + bodyCylinder.radiusMm + 40, 0, body[2]];
    const mipAir = luminance(await colourAt(page, MIP, air));
    expect(mipSphere).toBeLessThan(60);
    expect(mipBody).toBeGreaterThan(mipSphere + 60);
    expect(mipAir).toBeGreaterThan(mipBody);

    // The three axial views move as one: the wheel over the CT scrolls the PET and the fusion.
    const ctBox = await page.getByTestId('fusion-ct').boundingBox();
    if (!ctBox) throw new Error('CT pane not laid out');
    await page.mouse.move(ctBox.x + ctBox.width / 2, ctBox.y + ctBox.height / 2);
    await page.mouse.wheel(0, 300);
    await expect.poll(async () => Math.abs((await sliceZ(CT)) - z)).toBeGreaterThan(1);
    const scrolled = await sliceZ(CT);
    await expect.poll(async () => Math.abs((await sliceZ(PET)) - scrolled)).toBeLessThan(0.01);
    await expect.poll(async () => Math.abs((await sliceZ(FUSED)) - scrolled)).toBeLessThan(0.01);

    // The toolbar's button leaves the fusion for the usual views, and comes back to it.
    const toggle = page.getByTestId('fusion-toggle');
    await toggle.click();
    await expect(page.getByTestId('fusion')).toHaveCount(0);
    await expect(page.getByTestId('viewport-0')).toHaveAttribute('data-render-state', 'rendered');
    await toggle.click();
    await fusionRendered(page);
  });

  test('on a phone the four panes stack and the fusion still draws', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const p = petCt();
    await openWithHook(page, p.study);
    await fusionRendered(page);
    const boxes = [];
    for (const pane of ['ct', 'pet', 'fusion', 'mip']) {
      const box = await page.getByTestId(`fusion-${pane}`).boundingBox();
      if (!box) throw new Error(`${pane} not laid out`);
      boxes.push(box);
    }
    for (const [i, box] of boxes.entries()) {
      // Full width, tall enough to read, one under the other.
      expect(box.width).toBeGreaterThan(330);
      expect(box.height).toBeGreaterThan(300);
      const previous = boxes[i - 1];
      if (previous) expect(box.y).toBeGreaterThanOrEqual(previous.y + previous.height - 1);
    }
    await expect(page.getByLabel('Opacité de la TEP sur la TDM')).toBeVisible();
  });
});
