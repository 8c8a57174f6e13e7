import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { DicomDataset } from '../../src/domain/dicom/dicomJson';
import { readDatasets, type JsonReadOptions } from './jsonBody';
import { JsonBudget, MEMORY_PER_JSON_BYTE } from './jsonBudget';

const body = (...chunks: string[]) => Readable.from(chunks.map((c) => Buffer.from(c)));

async function read(
  chunks: string[],
  opts: JsonReadOptions = {},
): Promise<{ datasets: DicomDataset[] }> {
  const datasets: DicomDataset[] = [];
  await readDatasets(body(...chunks), (ds) => datasets.push(ds), opts);
  return { datasets };
}

const invalid = expect.objectContaining({ status: 502, code: 'upstream_invalid' });

describe('readDatasets', () => {
  it('hands over each dataset, across chunk boundaries and delimiters inside strings', async () => {
    const { datasets } = await read([
      ' [ {"a":{"vr":"LO","Value":["x,]}\\"y"]}} ',
      ', {"b":',
      '{"vr":"SQ","Value":[{"c":1}]}}',
      ',{"é":"ü"}]\n',
    ]);
    expect(datasets).toEqual([
      { a: { vr: 'LO', Value: ['x,]}"y'] } },
      { b: { vr: 'SQ', Value: [{ c: 1 }] } },
      { é: 'ü' },
    ]);
  });

  it('splits a multi-byte character cut between two chunks without damage', async () => {
    const bytes = Buffer.from('[{"n":"DUBOIS^MÉLANIE"}]');
    const cut = bytes.indexOf(0xc3) + 1;
    const chunks = [bytes.subarray(0, cut), bytes.subarray(cut)];
    const datasets: DicomDataset[] = [];
    await readDatasets(Readable.from(chunks), (ds) => datasets.push(ds));
    expect(datasets).toEqual([{ n: 'DUBOIS^MÉLANIE' }]);
  });

  it('reads an empty answer', async () => {
    expect((await read(['[]'])).datasets).toEqual([]);
  });

  it.each([
    ['garbage', ['<html>']],
    ['an object, not an array', ['{"a":1}']],
    ['an array of strings', ['["http://x/studies/1"]']],
    ['an unfinished array', ['[{"a":1}']],
    ['two arrays', ['[][]']],
    ['a broken dataset', ['[{"a":}]']],
    ['a missing element', ['[{"a":1},,{"b":2}]']],
    ['a closing bracket too many', ['[{"a":1}}]']],
  ])('refuses %s as upstream_invalid', async (_label, chunks) => {
    await expect(read(chunks)).rejects.toEqual(invalid);
  });

  it('refuses an oversized answer, and nesting far deeper than DICOM ever goes, before parsing it', async () => {
    await expect(read(['[', `{"a":"${'1'.repeat(100)}"}`, ']'], { maxBytes: 50 })).rejects.toEqual(
      invalid,
    );
    await expect(read(['['.repeat(100_000) + ']'.repeat(100_000)])).rejects.toEqual(invalid);
    const nest = (levels: number) =>
      JSON.stringify([
        Array.from({ length: levels }).reduce<unknown>(
          (inner) => ({ '00400275': { vr: 'SQ', Value: [inner] } }),
          {},
        ),
      ]);
    await expect(read([nest(40)])).rejects.toEqual(invalid);
    expect((await read([nest(10)])).datasets).toHaveLength(1);
  });

  it('takes its memory from the shared budget, and says 503 when there is none left', async () => {
    const budget = new JsonBudget(100 * MEMORY_PER_JSON_BYTE);
    const first = budget.allowance();
    const answer = `[{"a":"${'x'.repeat(50)}"}]`;
    await read([answer], { allowance: first });
    expect(budget.inUse).toBe(answer.length * MEMORY_PER_JSON_BYTE);
    const second = budget.allowance();
    await expect(read([answer], { allowance: second })).rejects.toEqual(
      expect.objectContaining({ status: 503, code: 'gateway_busy' }),
    );
    second.release();
    first.release();
    expect(budget.inUse).toBe(0);
    await read([answer], { allowance: budget.allowance() });
  });
});
