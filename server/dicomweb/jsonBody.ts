// JSON answers are the only ones the gateway reads (to check whose data they hold and point
// their URLs at the gateway). A QIDO or metadata answer is an array of datasets, so it is
// read as it arrives, one dataset at a time: each is parsed, checked and either written out
// again or let go at once. A 60 MB answer of strangers' studies never becomes a 150 MB tree
// in memory. Answers are bounded in size
// per answer, in memory across answers (JsonBudget), and in nesting — counted while
// scanning, so a hundred thousand levels are refused before anything is parsed.
import type { Readable } from 'node:stream';
import { isDataset, type DicomDataset } from '../../src/domain/dicom/dicomJson';
import { GatewayError } from '../errors';
import type { JsonAllowance } from './jsonBudget';

export const MAX_JSON_BYTES = 64 * 1024 * 1024;

/**
 * DICOM JSON nests three levels per sequence (element, Value array, item); real objects
 * stay under ten sequences deep.
 */
export const MAX_JSON_DEPTH = 96;

export const invalidAnswer = (): GatewayError =>
  new GatewayError(502, 'upstream_invalid', 'Réponse invalide de la source.');

export const oversizedAnswer = (): GatewayError =>
  new GatewayError(502, 'upstream_invalid', 'Réponse trop volumineuse de la source.');

export interface JsonReadOptions {
  maxBytes?: number;
  /** Memory shared with every other answer in flight; absent in unit tests only. */
  allowance?: JsonAllowance;
}

/** Called with each dataset of the answer, as soon as it is complete. */
export type OnDataset = (dataset: DicomDataset) => void;

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Splits a JSON array arriving in chunks into its elements. Byte by byte is safe in UTF-8:
 * no byte of a multi-byte character is one of the ASCII delimiters looked at.
 */
class ArraySplitter {
  private state: 'before' | 'inside' | 'after' = 'before';
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Bytes of the element being read, when it started in an earlier chunk. */
  private carried: Buffer[] = [];
  private carriedLength = 0;

  constructor(private readonly onElement: (bytes: Buffer) => void) {}

  push(chunk: Buffer): void {
    let start = this.carriedLength > 0 ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) this.inString = false;
        continue;
      }
      if (this.state !== 'inside') {
        if (isSpace(b)) continue;
        if (this.state === 'before' && b === OPEN_BRACKET) {
          this.state = 'inside';
          this.depth = 1;
          continue;
        }
        throw invalidAnswer();
      }
      if (this.depth === 1 && (b === COMMA || b === CLOSE_BRACKET)) {
        if (start !== -1) this.emit(chunk.subarray(start, i));
        else if (b === COMMA) throw invalidAnswer();
        start = -1;
        if (b === CLOSE_BRACKET) {
          this.state = 'after';
          this.depth = 0;
        }
        continue;
      }
      if (start === -1 && this.depth === 1 && !isSpace(b)) start = i;
      if (b === QUOTE) this.inString = true;
      else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
        if (++this.depth > MAX_JSON_DEPTH) throw invalidAnswer();
      } else if ((b === CLOSE_BRACE || b === CLOSE_BRACKET) && --this.depth < 1) {
        throw invalidAnswer();
      }
    }
    if (start !== -1) {
      const rest = chunk.subarray(start);
      this.carried.push(rest);
      this.carriedLength += rest.length;
    }
  }

  end(): void {
    if (this.state !== 'after') throw invalidAnswer();
  }

  private emit(tail: Buffer): void {
    let whole = tail;
    if (this.carriedLength > 0) {
      this.carried.push(tail);
      whole = Buffer.concat(this.carried, this.carriedLength + tail.length);
      this.carried = [];
      this.carriedLength = 0;
    }
    let end = whole.length;
    while (end > 0 && isSpace(whole[end - 1] as number)) end--;
    this.onElement(whole.subarray(0, end));
  }
}

/**
 * Reads an answer that must be an array of DICOM JSON datasets, handing each one over as
 * soon as it is complete. Anything else (another shape, garbage, too large, too deep) is
 * `upstream_invalid`; past the shared memory budget, `gateway_busy`.
 */
export async function readDatasets(
  body: Readable,
  onDataset: OnDataset,
  opts: JsonReadOptions = {},
): Promise<void> {
  const maxBytes = opts.maxBytes ?? MAX_JSON_BYTES;
  const splitter = new ArraySplitter((bytes) => {
    const text = bytes.toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw invalidAnswer();
    }
    if (!isDataset(value)) throw invalidAnswer();
    onDataset(value);
  });
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw oversizedAnswer();
      opts.allowance?.take(chunk.length);
      splitter.push(chunk);
    }
    splitter.end();
  } catch (err) {
    body.destroy();
    throw err;
  }
}

export function isJsonType(contentType: string | undefined): boolean {
  return /^application\/(dicom\+)?json\s*(;|$)/i.test(contentType ?? '');
}
