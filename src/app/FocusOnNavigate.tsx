// After a change of page, focus goes to the new page's main heading, as a screen reader
// user expects from a page load: left alone, it stays on `body` (the clicked control is
// gone) and the next Tab starts from the top of the document. Not on the first load (the
// browser's own start), not when only the search part changes (filters), and never over a
// choice the user made meanwhile: a focus moved by the user cancels the wait.
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/** Pages whose heading comes with a lazy chunk (the viewer) are waited for that long. */
const WAIT_MS = 15_000;

/** The page's title: its h1, else (a page without one) the first heading of its content. */
function pageHeading(): HTMLElement | null {
  return (
    document.querySelector<HTMLElement>('main h1') ??
    document.querySelector<HTMLElement>('h1') ??
    document.querySelector<HTMLElement>('main h2')
  );
}

export function FocusOnNavigate(): null {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let finished = false;
    const focusHeading = (): boolean => {
      const heading = pageHeading();
      if (!heading) return false;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
      return true;
    };
    const stop = () => {
      finished = true;
      observer.disconnect();
      document.removeEventListener('focusin', onUserFocus);
      clearTimeout(timer);
    };
    const onUserFocus = (e: FocusEvent) => {
      if (e.target !== pageHeading()) stop();
    };
    const observer = new MutationObserver(() => {
      if (!finished && focusHeading()) stop();
    });
    const timer = setTimeout(stop, WAIT_MS);
    if (focusHeading()) {
      stop();
      return;
    }
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener('focusin', onUserFocus);
    return stop;
  }, [pathname]);
  return null;
}
