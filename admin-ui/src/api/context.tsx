import { createContext, useContext, type ReactNode } from 'react';
import { createApi, type Api, type ClientOptions } from './client';

export interface Clients {
  api: Api;
}

export function createClients(options: ClientOptions = {}): Clients {
  return { api: createApi(options) };
}

const ClientsContext = createContext<Clients | null>(null);

let browserClients: Clients | null = null;

export function ApiProvider({ clients, children }: { clients?: Clients; children: ReactNode }) {
  const value = clients ?? (browserClients ??= createClients());
  return <ClientsContext.Provider value={value}>{children}</ClientsContext.Provider>;
}

/** The typed API client of the console. */
export function useApi(): Api {
  const clients = useContext(ClientsContext);
  if (!clients) throw new Error('useApi outside ApiProvider');
  return clients.api;
}
