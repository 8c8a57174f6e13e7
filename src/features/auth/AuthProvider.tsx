import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ErrorResponse, type User } from 'oidc-client-ts';
import { principalFromClaims } from '../../domain/principal';
import type { PublicConfig } from '../../domain/publicConfig';
import { setAccessToken } from '../../lib/api/accessToken';
import { currentLanguage, i18n } from '../../lib/i18n';
import {
  AuthContext,
  type AuthNotice,
  type AuthState,
  type AuthStatus,
} from '../../lib/auth/authContext';
import { notifyLogout, reloadRestoredPages } from '../../lib/auth/onLogout';
import { scheduleSilentRenew } from '../../lib/auth/silentRenew';
import { readLoginState, type LoginState } from './loginState';
import { isAuthCallbackPath, restoreSession, type PageSignIn } from './pageSignIn';
import { createUserManager } from './userManager';

function currentPath(): string {
  const { pathname, search, hash } = window.location;
  return `${pathname}${search}${hash}`;
}

export function AuthProvider({
  idp,
  early,
  children,
}: {
  idp: PublicConfig['idp'];
  /** The sign-in the app's first script already started, if it did (app/earlySignIn.ts). */
  early?: PageSignIn | null;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const [userManager] = useState(
    () => early?.userManager ?? createUserManager(idp, window.location.origin),
  );
  const [user, setUserState] = useState<User | null>(null);
  // The gateway client reads the token from here (lib/api/accessToken.ts), set before the
  // render that shows the new user so the requests of that render carry it.
  const setUser = useCallback((next: User | null) => {
    setAccessToken(next?.access_token ?? null);
    setUserState(next);
  }, []);
  const [status, setStatus] = useState<AuthStatus>('restoring');
  const [notice, setNotice] = useState<AuthNotice | null>(null);
  // StrictMode runs effects twice; an OIDC code or a silent sign-in may be used only once.
  const restoreStarted = useRef(false);
  const signinCompletion = useRef<Promise<string> | null>(null);
  const silentCompletion = useRef<Promise<void> | null>(null);

  // A page brought back by the back button must not show what an ended session fetched.
  useEffect(() => reloadRestoredPages(), []);

  useEffect(() => {
    const onLoaded = (loaded: User) => {
      setUser(loaded);
      setStatus('signedIn');
      setNotice(null);
    };
    const onUnloaded = () => {
      setUser(null);
      setStatus('signedOut');
    };
    const onExpired = () => {
      // Answers fetched for this user must not outlive their session.
      queryClient.clear();
      notifyLogout('expired');
      setNotice('sessionExpired');
      void userManager.removeUser();
    };
    userManager.events.addUserLoaded(onLoaded);
    userManager.events.addUserUnloaded(onUnloaded);
    userManager.events.addAccessTokenExpired(onExpired);
    return () => {
      userManager.events.removeUserLoaded(onLoaded);
      userManager.events.removeUserUnloaded(onUnloaded);
      userManager.events.removeAccessTokenExpired(onExpired);
    };
  }, [userManager, queryClient, setUser]);

  // Each new token schedules its own renewal; a failed one leaves the expiry to end the
  // session (and its caches) when the token does.
  const expiresAt = user?.expires_at;
  useEffect(() => {
    if (expiresAt === undefined) return;
    return scheduleSilentRenew(expiresAt, async () => {
      try {
        await userManager.signinSilent();
        return 'done';
      } catch (error) {
        // The IdP answered (login_required…): its session is over, asking again won't help.
        if (error instanceof ErrorResponse) return 'done';
        console.warn('silent renew failed', error);
        return 'retry';
      }
    });
  }, [expiresAt, userManager]);

  useEffect(() => {
    // Inside the callbacks (and the silent iframe) a restore attempt would nest iframes.
    if (restoreStarted.current || isAuthCallbackPath(window.location.pathname)) return;
    restoreStarted.current = true;
    const restoring =
      early?.userManager === userManager ? early.restored : restoreSession(userManager);
    void restoring.then((restored) => {
      // The user-loaded event may have fired before this provider listened: set here too.
      if (restored) {
        setUser(restored);
        setStatus('signedIn');
      } else {
        setStatus('signedOut');
      }
    });
  }, [userManager, setUser, early]);

  const login = useCallback(
    async (returnTo?: string, options?: { replace?: boolean }) => {
      const state: LoginState = { returnTo: returnTo ?? currentPath(), lang: currentLanguage() };
      try {
        await userManager.signinRedirect({
          state,
          ui_locales: state.lang,
          ...(options?.replace ? { redirectMethod: 'replace' as const } : {}),
        });
      } catch (error) {
        console.warn('login redirect failed', error);
        setNotice('idpUnavailable');
      }
    },
    [userManager],
  );

  const logout = useCallback(async () => {
    queryClient.clear();
    // Other caches (the viewer's images and metadata) empty themselves on this signal.
    notifyLogout('logout');
    try {
      await userManager.signoutRedirect();
    } catch (error) {
      // Without the IdP's logout page the session there survives, but not here.
      console.warn('logout redirect failed', error);
      await userManager.removeUser();
    }
  }, [userManager, queryClient]);

  const completeSignin = useCallback(() => {
    signinCompletion.current ??= (async () => {
      try {
        const signedIn = await userManager.signinRedirectCallback();
        const { returnTo, lang } = readLoginState(signedIn.state);
        if (lang) await i18n.changeLanguage(lang);
        return returnTo;
      } catch (error) {
        setStatus('signedOut');
        throw error;
      }
    })();
    return signinCompletion.current;
  }, [userManager]);

  const completeSilentSignin = useCallback(() => {
    silentCompletion.current ??= userManager.signinSilentCallback();
    return silentCompletion.current;
  }, [userManager]);

  const value = useMemo<AuthState>(
    () => ({
      status,
      user,
      principal: user ? principalFromClaims(user.profile) : null,
      notice,
      login,
      logout,
      completeSignin,
      completeSilentSignin,
    }),
    [status, user, notice, login, logout, completeSignin, completeSilentSignin],
  );

  return <AuthContext value={value}>{children}</AuthContext>;
}
