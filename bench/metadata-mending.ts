// What mending misread separators costs (src/domain/viewer/misreadSeparators.ts):
// - every series pays the scan: a 1000-slice CT's metadata, mended and checked for lost
//   numbers, against JSON.parse of the same metadata (which every series pays anyway);
// - only a series whose numbers were lost pays a header read per instance: with a stack
//   (DRIM_STACK_FILE), J2K_pixelrep_mismatch.dcm's header read directly from Orthanc (the
//   answer cancelled after the header), against the whole instance.
//   node --import tsx bench/metadata-mending.ts
import fs from 'node:fs';
import { lostNumberTags, mendSeparators } from '../src/domain/viewer/misreadSeparators';
import { fetchInstanceFileText } from '../src/lib/instanceFileText';
import { readManifest, readStackInfo } from '../dev/stack/stackInfo';

const SLICES = 1000;
const ROUNDS = 15;

/** One CT slice's metadata as Orthanc sends it (about 100 elements, most of them short). */
function slice(i: number): Record<string, unknown> {
  const ds: Record<string, unknown> = {
    '00080008': { vr: 'CS', Value: ['ORIGINAL', 'PRIMARY', 'AXIAL'] },
    '00080018': { vr: 'UI', Value: [`2.25.1234567890.${i}`] },
    '00080060': { vr: 'CS', Value: ['CT'] },
    '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DUBOIS^MARIE' }] },
    '00200013': { vr: 'IS', Value: [i + 1] },
    '00200032': { vr: 'DS', Value: [-200, -180, -i * 1.25] },
    '00200037': { vr: 'DS', Value: [1, 0, 0, 0, 1, 0] },
    '00280030': { vr: 'DS', Value: [0.7, 0.7] },
    '00281050': { vr: 'DS', Value: [40, 400] },
    '00281051': { vr: 'DS', Value: [400, 1500] },
    '00181041': { vr: 'DS' },
  };
  for (let k = 0; k < 90; k++) {
    const tag = (0x00190000 + k).toString(16).padStart(8, '0').toUpperCase();
    ds[tag] = k % 2 ? { vr: 'DS', Value: [k * 0.5] } : { vr: 'LO', Value: [`valeur ${k}`] };
  }
  return ds;
}

function best(run: () => void): number {
  let min = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    run();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

const text = JSON.stringify(Array.from({ length: SLICES }, (_, i) => slice(i)));
const series = JSON.parse(text) as Record<string, unknown>[];
const parseMs = best(() => JSON.parse(text));
const scanMs = best(() => {
  for (const ds of series) lostNumberTags(mendSeparators(ds));
});
console.log(
  `${SLICES} slices (${(text.length / 1e6).toFixed(1)} MB of JSON): JSON.parse ${parseMs.toFixed(1)} ms, mending scan ${scanMs.toFixed(1)} ms (best of ${ROUNDS})`,
);

interface HeaderRead {
  file: string;
  fileBytes: number;
  wholeInstanceMs: number;
  headerOnlyMs: number;
}
let headerRead: HeaderRead | null = null;
if (process.env['DRIM_STACK_FILE']) {
  const stack = readStackInfo();
  const manifest = readManifest(stack);
  const file = manifest.realFiles.find((f) => f.file === 'J2K_pixelrep_mismatch.dcm');
  const source = stack.sources.find((s) => s.id === manifest.realFilesSourceId);
  if (!file || !source) throw new Error('the stack has no J2K_pixelrep_mismatch.dcm');
  const url = `${source.dicomWebUrl}/studies/${file.studyInstanceUID}/series/${file.seriesInstanceUID}/instances/${file.sopInstanceUID}`;
  const accept = 'multipart/related; type="application/dicom"; transfer-syntax=*';
  let fileBytes = 0;
  const timed = async (run: () => Promise<void>) => {
    let min = Infinity;
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      await run();
      min = Math.min(min, performance.now() - t);
    }
    return min;
  };
  const wholeInstanceMs = await timed(async () => {
    const res = await fetch(url, { headers: { Accept: accept } });
    fileBytes = (await res.arrayBuffer()).byteLength;
  });
  const headerOnlyMs = await timed(async () => {
    const found = await fetchInstanceFileText({
      path: url,
      accessToken: 'unused',
      tags: ['00280030'],
      timeoutMs: 10_000,
    });
    if (found.get('00280030') !== '0.431\\0.431') throw new Error('header not read');
  });
  headerRead = { file: file.file, fileBytes, wholeInstanceMs, headerOnlyMs };
  console.log(
    `${file.file} (${fileBytes} bytes): whole instance ${wholeInstanceMs.toFixed(1)} ms, header only ${headerOnlyMs.toFixed(1)} ms (best of ${ROUNDS}, direct to Orthanc)`,
  );
}

fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(
  'bench/results/metadata-mending.json',
  JSON.stringify(
    {
      at: new Date().toISOString(),
      slices: SLICES,
      jsonBytes: text.length,
      parseMs,
      scanMs,
      headerRead,
    },
    null,
    2,
  ),
);
