// What a downloaded study ZIP holds, read as someone who received it would: unzipped (yauzl),
// each file's own meta header, and the DICOMDIR as dcmtk's dcmdump reads it. Shared by the
// gateway's integration test, the e2e download spec and the download benchmark.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dicomParser from 'dicom-parser';
import yauzl from 'yauzl';

export interface StudyZipContents {
  /** Every file, by its path in the ZIP. */
  files: Map<string, Buffer>;
  /** The SOP instance UID each DICOM file (all but DICOMDIR) says it holds. */
  sopUids: Map<string, string>;
  /** The files the DICOMDIR references (paths with `/`), as dcmdump read them. */
  dicomdirFiles: string[];
  /** dcmdump's whole text of the DICOMDIR. */
  dicomdirDump: string;
}

export function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, archive) => {
      if (err) return reject(err);
      archive.on('entry', (entry: yauzl.Entry) => {
        archive.openReadStream(entry, (error, stream) => {
          if (error) return reject(error);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            archive.readEntry();
          });
          stream.on('error', reject);
        });
      });
      archive.on('end', () => resolve(files));
      archive.on('error', reject);
      archive.readEntry();
    });
  });
}

export async function readStudyZip(zip: Buffer): Promise<StudyZipContents> {
  const files = await unzip(zip);
  const sopUids = new Map<string, string>();
  for (const [name, bytes] of files) {
    if (name === 'DICOMDIR') continue;
    const meta = dicomParser.readPart10Header(new Uint8Array(bytes));
    sopUids.set(name, meta.string('x00020003') ?? '');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drim-zip-'));
  try {
    const dicomdir = files.get('DICOMDIR');
    if (!dicomdir) throw new Error('no DICOMDIR at the root of the ZIP');
    const at = path.join(dir, 'DICOMDIR');
    fs.writeFileSync(at, dicomdir);
    const dump = execFileSync('dcmdump', ['-E', at], { encoding: 'utf8' });
    const dicomdirFiles = [...dump.matchAll(/\(0004,1500\) CS \[([^\]]+)\]/g)].map((m) =>
      (m[1] ?? '').replace(/\\/g, '/'),
    );
    return { files, sopUids, dicomdirFiles, dicomdirDump: dump };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
