import { createContext, useContext } from 'react';
import type { PublicConfig } from '../domain/publicConfig';

export const ConfigContext = createContext<PublicConfig | null>(null);

export function useConfig(): PublicConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error('useConfig() needs the config to be loaded first');
  return config;
}
