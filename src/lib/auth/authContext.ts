// Shared by every feature (who is asking, whether they are signed in); the provider that
// fills it lives in features/auth. Requests take the token from lib/api/accessToken.ts.
import { createContext } from 'react';
import type { User } from 'oidc-client-ts';
import type { Principal } from '../../domain/principal';

export type AuthStatus = 'restoring' | 'signedOut' | 'signedIn';

/** Why the signed-out home shows a message, if it does. */
export type AuthNotice = 'idpUnavailable' | 'sessionExpired';

export interface AuthState {
  status: AuthStatus;
  user: User | null;
  principal: Principal | null;
  notice: AuthNotice | null;
  /**
   * Full-page redirect to the IdP; comes back to `returnTo` (a path of this app).
   * `replace` takes the current page's history entry: for a page that would only send the
   * user to the IdP again if Back led to it.
   */
  login: (returnTo?: string, options?: { replace?: boolean }) => Promise<void>;
  logout: () => Promise<void>;
  /** For /auth/callback: finishes the code exchange; resolves to the path to go back to. */
  completeSignin: () => Promise<string>;
  /** For /auth/silent (inside the hidden iframe): hands the answer to the parent page. */
  completeSilentSignin: () => Promise<void>;
}

export const AuthContext = createContext<AuthState | null>(null);
