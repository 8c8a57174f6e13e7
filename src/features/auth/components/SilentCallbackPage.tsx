import { useEffect } from 'react';
import { useAuth } from '../../../lib/auth/useAuth';

/** Runs in the hidden iframe of a silent sign-in: passes the IdP's answer to the page. */
export function SilentCallbackPage() {
  const { completeSilentSignin } = useAuth();

  useEffect(() => {
    completeSilentSignin().catch((error: unknown) => {
      console.warn('silent sign-in callback failed', error);
    });
  }, [completeSilentSignin]);

  return null;
}
