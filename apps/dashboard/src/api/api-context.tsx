import { createContext, useContext } from 'react';
import type { Api } from './api-client.js';

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside ApiContext: sign in first');
  return api;
}
