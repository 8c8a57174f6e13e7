// First: the silent sign-in starts before the rest of the app is evaluated.
import './app/earlySignIn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './lib/i18n';
import './app/app.css';
import { App } from './app/App';
import { ConfigGate } from './app/ConfigGate';
import { ErrorBoundary } from './app/ErrorBoundary';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <ErrorBoundary>
      <ConfigGate>{(config) => <App config={config} />}</ConfigGate>
    </ErrorBoundary>
  </StrictMode>,
);
