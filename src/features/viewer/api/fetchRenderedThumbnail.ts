// A series' thumbnail as the source renders it (WADO-RS /rendered of one instance: Orthanc
// has no /thumbnail), through the gateway.
import { gateway } from '../../../lib/api/gatewayClient';
import { instancePath } from '../../../lib/cornerstone/frameImageId';

export interface InstanceAddress {
  sourceId: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  sopInstanceUID: string;
}

export async function fetchRenderedThumbnail(
  address: InstanceAddress,
  sizePx: number,
  signal: AbortSignal,
): Promise<Blob> {
  const res = await gateway.send(`${instancePath(address)}/rendered?viewport=${sizePx},${sizePx}`, {
    // One type only: Orthanc's DICOMweb plugin answers 400 to a list ("image/jpeg,
    // image/png"), and JPEG is the rendered type every WADO-RS origin server must offer.
    accept: 'image/jpeg',
    signal,
  });
  return res.blob();
}
