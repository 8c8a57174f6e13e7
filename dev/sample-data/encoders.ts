// Re-encodes generated files into the transfer syntax a source stores, with the Debian
// tools (Orthanc without the GDCM plugin cannot transcode into these itself). Both tools
// keep every UID and write no date, so their output is as deterministic as their input.
import { spawn } from 'node:child_process';

export type Storage = 'explicit-little-endian' | 'jpeg-ls-lossless' | 'jpeg-2000-lossless';

// --uid-never: keep the SOP Instance UID whatever dcmtk thinks. gdcmconv without
// -q/--irreversible uses the reversible 5/3 wavelet, i.e. lossless.
const SCRIPT = `case "$0" in
  jpeg-ls-lossless) exec dcmcjpls --encode-lossless --uid-never "$1" "$2" ;;
  jpeg-2000-lossless) exec gdcmconv --j2k "$1" "$2" ;;
  *) echo "unknown storage $0" >&2; exit 2 ;;
esac`;

/**
 * Files go through one `xargs -P` child rather than one spawn per file: forking the
 * generator itself (a large heap) for every file cost more than the encoding did.
 */
export class EncoderQueue {
  private readonly child;
  private readonly exited: Promise<number | null>;
  private stderr = '';
  count = 0;

  constructor(parallelism: number) {
    // -r: with nothing queued (a subset held only in explicit LE), run nothing at all.
    this.child = spawn(
      'xargs',
      ['-0', '-r', '-n', '3', '-P', String(parallelism), 'sh', '-c', SCRIPT],
      {
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (d: string) => {
      this.stderr += d;
    });
    this.exited = new Promise((resolve, reject) => {
      this.child.on('error', reject);
      this.child.on('close', resolve);
    });
  }

  add(storage: Storage, input: string, output: string): void {
    if (storage === 'explicit-little-endian')
      throw new Error('explicit little endian needs no encoder');
    for (const part of [storage, input, output]) {
      if (part.includes('\0')) throw new Error(`bad path ${part}`);
    }
    this.count++;
    this.child.stdin.write(`${storage}\0${input}\0${output}\0`);
  }

  async finish(): Promise<void> {
    this.child.stdin.end();
    const code = await this.exited;
    if (code !== 0) throw new Error(`encoding failed (xargs exit ${code}): ${this.stderr.trim()}`);
  }
}
