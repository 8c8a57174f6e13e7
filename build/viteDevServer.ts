// Where `npm run dev:spa` serves the SPA. One fixed port (strictPort in vite.config.ts):
// the demo and test IdPs accept this origin's login callbacks, so a dev server that moved
// to another port because this one was taken would fail at login instead of at start.
export const VITE_DEV_PORT = 5173;
export const VITE_DEV_ORIGIN = `http://localhost:${VITE_DEV_PORT}`;
