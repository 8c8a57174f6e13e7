// The sample data's patients, as the specs name them: a missing one is a broken fixture,
// said at once rather than as a confusing failure further on.
import type { Manifest } from '../../dev/sample-data/manifest';

/** The manifest's patient `key`, who must have an INS (the region's identity). */
export function patientWithIns(manifest: Manifest, key: string) {
  const p = manifest.patients.find((x) => x.key === key);
  if (!p?.ins) throw new Error(`manifest has no patient ${key} with an INS`);
  return { ...p, ins: p.ins };
}
