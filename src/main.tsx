// The entry is small on purpose: it starts the silent sign-in (app/earlySignIn.ts), then
// fetches the app's code as its own chunk. Compiling that code (React, the routes, i18n)
// used to come first and held the sign-in back by 0.1–0.2 s; now it overlaps the IdP's
// round trip.
import './app/earlySignIn';

function start(): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  import('./app/renderApp').then(
    ({ renderApp }) => renderApp(container),
    (error: unknown) => {
      console.error('the app could not be loaded', error);
      // No translations without the app: French, the region's language, with the way out.
      container.textContent =
        'La visionneuse n’a pas pu se charger (réseau interrompu ?). Rechargez la page.';
    },
  );
}

// A launch's page runs this as soon as it has loaded, while its end is still on its way
// (server/launch/launchPage.ts): the root comes before that end, but is waited for if not.
if (document.getElementById('root') || document.readyState !== 'loading') start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
