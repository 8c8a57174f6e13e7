// The app itself: React, the routes, i18n and the styles — most of the first download.
// main.tsx loads it as its own chunk once the silent sign-in has started.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../lib/i18n';
import './app.css';
import { App } from './App';
import { ConfigGate } from './ConfigGate';
import { ErrorBoundary } from './ErrorBoundary';

export function renderApp(container: HTMLElement): void {
  createRoot(container).render(
    <StrictMode>
      <ErrorBoundary>
        <ConfigGate>{(config) => <App config={config} />}</ConfigGate>
      </ErrorBoundary>
    </StrictMode>,
  );
}
