import { lazy, Suspense, useState, type ComponentProps } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import type { PublicConfig } from '../domain/publicConfig';
import { AuthProvider } from '../features/auth/AuthProvider';
import { SigninCallbackPage } from '../features/auth/components/SigninCallbackPage';
import { SilentCallbackPage } from '../features/auth/components/SilentCallbackPage';
import { CALLBACK_PATH, SILENT_CALLBACK_PATH } from '../features/auth/userManager';
import { extendedSearchAction } from '../features/consent/components/ExtendedSearchAction';
import { MyAccessPage } from '../features/consent/components/MyAccessPage';
import { LaunchPage } from '../features/launch/components/LaunchPage';
import { preloadViewerChunks } from '../features/viewer/viewerChunks';
import { createQueryClient } from '../lib/queryClient';
import { ConfigContext } from './configContext';
import { earlySignIn } from './earlySignIn';
import { FocusOnNavigate } from './FocusOnNavigate';
import { HomePage } from './HomePage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { PatientStudiesRoute } from './routes/PatientStudiesRoute';

// The viewer (Cornerstone3D, ~1 MB gzipped) is its own chunk: the list stays light.
type ViewerRouteModule = typeof import('../features/viewer/ViewerRoute');
let viewerRouteModule: ViewerRouteModule | null = null;
const loadViewerRoute = () =>
  import('../features/viewer/ViewerRoute').then((m) => (viewerRouteModule = m));
const LazyViewerRoute = lazy(loadViewerRoute);

/**
 * The route's chunk fetched ahead (a launch fetches it during the sign-in) renders at once:
 * through lazy() it would suspend for a turn, and React holds a boundary revealed that
 * soon after its fallback for 300 ms — measured as 300 ms of idle page before the viewer
 * asked for anything.
 */
function ViewerRoute(props: ComponentProps<ViewerRouteModule['default']>) {
  // Chosen once per mount: switching from the lazy one later would remount the viewer.
  const [Loaded] = useState(() => viewerRouteModule?.default ?? null);
  if (Loaded) return <Loaded {...props} />;
  return (
    <Suspense fallback={null}>
      <LazyViewerRoute {...props} />
    </Suspense>
  );
}

/**
 * A context launch most often ends in the viewer: its route comes during the sign-in, and
 * Cornerstone's chunks once the launch is known to open one exam — as modulepreload, so
 * they are compiled before the preview is drawn and only run after it. Measured on the IID
 * link (bench/launch.ts, 3 runs each): Cornerstone's canvas 1.7 s after the click against
 * 2.5 s with a plain prefetch, the first pixels unchanged within the runs' spread. Measured
 * again once the launch signed in on its way in (3 runs each): prefetch 2.8 s, modulepreload
 * 1.9–2.0 s. The route's code is waited for before navigating (features/launch useLaunch).
 */
const prepareViewerForLaunch = {
  route: () => loadViewerRoute(),
  study: () => preloadViewerChunks('modulepreload'),
};

export function App({ config }: { config: PublicConfig }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <ConfigContext value={config}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <FocusOnNavigate />
          <AuthProvider idp={config.idp} early={earlySignIn}>
            <Routes>
              <Route path={CALLBACK_PATH} element={<SigninCallbackPage />} />
              <Route path={SILENT_CALLBACK_PATH} element={<SilentCallbackPage />} />
              <Route
                path="study/:key"
                element={
                  <ViewerRoute
                    sources={config.sources}
                    // The same consent action as the list's, for the priors' sources.
                    renderSourceAction={extendedSearchAction}
                  />
                }
              />
              <Route element={<Layout />}>
                <Route index element={<HomePage />} />
                <Route path="patient/:key" element={<PatientStudiesRoute />} />
                <Route
                  path="launch/:key"
                  element={
                    // The consent feature's action, offered where only the archive may hold
                    // the launched exam (issue 18).
                    <LaunchPage
                      sources={config.sources}
                      renderSourceAction={extendedSearchAction}
                      prepareViewer={prepareViewerForLaunch}
                    />
                  }
                />
                <Route path="mes-acces" element={<MyAccessPage sources={config.sources} />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </AuthProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </ConfigContext>
  );
}
