// Which kind of request a route is, for the metrics' labels: read from the route the router
// matched (a pattern such as `/api/keys/:key`, never the URL with its identifiers) and, for
// DICOMweb, from the shape of the path — the resource and endpoint, not the UIDs in it.
import {
  CONTEXTUAL_CALL_PATH,
  IID_PATH,
  LAUNCH_ERROR_PATH,
  PATIENT_LINK_IID_PATH,
} from '../launch/routes';
import type { RouteFamily } from './gatewayMetrics';

/** The route the DICOMweb proxy serves reads; its `*` is the path below the source. */
export const DICOMWEB_ROUTE = '/dicomweb/:sourceId/*';

const EXACT: Readonly<Record<string, RouteFamily>> = {
  '/config.json': 'config',
  '/': 'spa',
  // @fastify/static's route for the built files.
  '/*': 'spa',
  [IID_PATH]: 'launch',
  [PATIENT_LINK_IID_PATH]: 'launch',
  [CONTEXTUAL_CALL_PATH]: 'launch',
  [`${LAUNCH_ERROR_PATH}/:key`]: 'launch',
  '/api/keys': 'keys',
  '/api/keys/:key': 'keys',
  // Consents and break-the-glass are one module with the FHIR routes (consent/routes.ts).
  '/api/break-glass': 'fhir',
};

/**
 * By the path's last element alone, not the proxy's full grammar (allowedPaths.ts): this runs
 * on every request, and a path the proxy refuses is counted under its shape with its 404.
 */
function dicomwebFamily(path: string | undefined): RouteFamily {
  if (path === undefined) return 'dicomweb-other';
  switch (path.slice(path.lastIndexOf('/') + 1)) {
    case 'studies':
    case 'series':
    case 'instances':
      return 'dicomweb-qido';
    case 'metadata':
      return 'dicomweb-metadata';
    case 'rendered':
    case 'thumbnail':
      return 'dicomweb-rendered';
  }
  if (path.includes('/frames/')) return 'dicomweb-frames';
  if (path.includes('/bulk/')) return 'dicomweb-bulk';
  // Whole study, series or instance retrieves, and what is no DICOMweb path at all.
  return 'dicomweb-other';
}

/**
 * @param routeUrl the matched route's pattern (`request.routeOptions.url`); undefined when no
 *   route matched (the not-found handler, which serves the SPA's client routes).
 * @param wildcard the `*` parameter of the route, read only for the DICOMweb proxy.
 * @param status the answer's status: a client route answered with index.html is the SPA.
 */
export function routeFamily(
  routeUrl: string | undefined,
  wildcard: string | undefined,
  status: number,
): RouteFamily {
  if (routeUrl === undefined) return status < 400 ? 'spa' : 'other';
  if (routeUrl === DICOMWEB_ROUTE) return dicomwebFamily(wildcard);
  const exact = EXACT[routeUrl];
  if (exact) return exact;
  if (routeUrl.startsWith('/dicomweb/')) return 'dicomweb-other';
  if (routeUrl.startsWith('/api/fhir/')) return 'fhir';
  if (routeUrl.startsWith('/api/studies/') || routeUrl.startsWith('/api/downloads/')) {
    return 'download';
  }
  return 'other';
}

/** The source a route is about, as the router read it; the metrics keep only known ids. */
export function routeSource(
  routeUrl: string | undefined,
  params: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (routeUrl === DICOMWEB_ROUTE) return params['sourceId'];
  if (routeUrl === '/api/sources/:id/status') return params['id'];
  return undefined;
}
