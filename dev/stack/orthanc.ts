// One Orthanc per source, each with its own config, storage and port, on loopback only.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceLayout } from '../stack-layout';

export const ORTHANC_BIN = '/usr/sbin/Orthanc';
export const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

/** Logs each request Orthanc receives, as `drim-source-request METHOD URI` (Lua's print). */
export const REQUEST_LOG_SCRIPT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'orthanc',
  'logRequests.lua',
);

/** The line the request log script writes for a request, as it reads in Orthanc's log. */
export const SOURCE_REQUEST_MARK = 'drim-source-request';

export function writeOrthancConfig(
  source: SourceLayout,
  opts: { logRequests?: boolean } = {},
): void {
  fs.mkdirSync(source.storageDir, { recursive: true });
  const config = {
    Name: source.id,
    StorageDirectory: source.storageDir,
    IndexDirectory: source.storageDir,
    HttpPort: source.httpPort,
    // Orthanc 1.10 cannot bind to loopback only; refusing non-loopback clients is the next best.
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    // Uploads go through REST; no DICOM listener means one less open port.
    DicomServerEnabled: false,
    // Only the DICOMweb plugin: orthanc-gdcm crashes Orthanc on JPEG-LS requests (STACK-NOTES).
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: {
      Enable: true,
      Root: '/dicom-web/',
      EnableWado: false,
      StudiesMetadata: 'Full',
      SeriesMetadata: 'Full',
    },
    StorageCompression: false,
    OverwriteInstances: false,
    SaveJobs: false,
    StableAge: 5,
    HttpThreadsCount: 20,
    KeepAlive: true,
    HttpDescribeErrors: true,
    ExecuteLuaEnabled: false,
    ...(opts.logRequests ? { LuaScripts: [REQUEST_LOG_SCRIPT] } : {}),
    RestApiWriteToFileSystemEnabled: false,
    LimitFindResults: 0,
    LimitFindInstances: 0,
  };
  fs.writeFileSync(source.configPath, JSON.stringify(config, null, 2));
}

export async function orthancAlive(source: SourceLayout): Promise<boolean> {
  const res = await fetch(`${source.orthancUrl}/system`, { signal: AbortSignal.timeout(2000) });
  await res.body?.cancel();
  return res.ok;
}
