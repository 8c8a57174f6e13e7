import { useContext } from 'react';
import { AuthContext, type AuthState } from './authContext';

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() needs an <AuthProvider> above it');
  return auth;
}
