import { describe, expect, it } from 'vitest';
import {
  askSourceToDecode,
  isJpeg2000,
  sourceCouldNotSendAsStored,
  transferSyntaxOf,
} from './transferSyntaxRules';

describe('transferSyntaxOf', () => {
  it('reads the transfer-syntax parameter of a frame part, quoted or not', () => {
    expect(transferSyntaxOf('image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.51')).toBe(
      '1.2.840.10008.1.2.4.51',
    );
    expect(
      transferSyntaxOf('application/octet-stream; Transfer-Syntax="1.2.840.10008.1.2.1"'),
    ).toBe('1.2.840.10008.1.2.1');
  });
  it('falls back on what the media type implies, and knows nothing of `*` or no type', () => {
    expect(transferSyntaxOf('image/jp2')).toBe('1.2.840.10008.1.2.4.90');
    expect(transferSyntaxOf('application/octet-stream')).toBe('1.2.840.10008.1.2.1');
    expect(transferSyntaxOf('image/jpeg; transfer-syntax=*')).toBeNull();
    expect(transferSyntaxOf('text/plain')).toBeNull();
    expect(transferSyntaxOf(null)).toBeNull();
  });
});

describe('askSourceToDecode', () => {
  it('sends JPEG 12-bit frames back to the source, never what the browser decodes right', () => {
    expect(askSourceToDecode('1.2.840.10008.1.2.4.51')).toBe(true);
    for (const ts of [
      '1.2.840.10008.1.2.1',
      '1.2.840.10008.1.2.4.50',
      '1.2.840.10008.1.2.4.70',
      '1.2.840.10008.1.2.4.80',
      '1.2.840.10008.1.2.4.90',
      '1.2.840.10008.1.2.5',
    ]) {
      expect(askSourceToDecode(ts), ts).toBe(false);
    }
    expect(askSourceToDecode(null)).toBe(false);
  });
});

describe('isJpeg2000', () => {
  it('covers lossless-only and lossy JPEG 2000, not HTJ2K or JPEG', () => {
    expect(isJpeg2000('1.2.840.10008.1.2.4.90')).toBe(true);
    expect(isJpeg2000('1.2.840.10008.1.2.4.91')).toBe(true);
    expect(isJpeg2000('1.2.840.10008.1.2.4.201')).toBe(false);
    expect(isJpeg2000('1.2.840.10008.1.2.4.50')).toBe(false);
  });
});

describe('sourceCouldNotSendAsStored', () => {
  it('asks again after a source failure, not after a refusal, an outage or a timeout', () => {
    expect(sourceCouldNotSendAsStored(500, null)).toBe(true);
    expect(sourceCouldNotSendAsStored(502, 'upstream_error')).toBe(true);
    expect(sourceCouldNotSendAsStored(502, 'upstream_unreachable')).toBe(false);
    expect(sourceCouldNotSendAsStored(504, 'upstream_timeout')).toBe(false);
    expect(sourceCouldNotSendAsStored(403, 'forbidden')).toBe(false);
    expect(sourceCouldNotSendAsStored(404, null)).toBe(false);
    expect(sourceCouldNotSendAsStored(null, null)).toBe(false);
  });
});
