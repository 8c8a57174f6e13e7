import { lazy, Suspense, useState } from 'react';
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
import { createQueryClient } from '../lib/queryClient';
import { ConfigContext } from './configContext';
import { FocusOnNavigate } from './FocusOnNavigate';
import { HomePage } from './HomePage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { PatientStudiesRoute } from './routes/PatientStudiesRoute';

// The viewer (Cornerstone3D, ~1 MB gzipped) is its own chunk: the list stays light.
const ViewerRoute = lazy(() => import('../features/viewer/ViewerRoute'));

export function App({ config }: { config: PublicConfig }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <ConfigContext value={config}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <FocusOnNavigate />
          <AuthProvider idp={config.idp}>
            <Routes>
              <Route path={CALLBACK_PATH} element={<SigninCallbackPage />} />
              <Route path={SILENT_CALLBACK_PATH} element={<SilentCallbackPage />} />
              <Route
                path="study/:key"
                element={
                  <Suspense fallback={null}>
                    <ViewerRoute
                      sources={config.sources}
                      // The same consent action as the list's, for the priors' sources.
                      renderSourceAction={extendedSearchAction}
                    />
                  </Suspense>
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
