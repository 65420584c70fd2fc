import { createContext, useContext, type ReactNode } from 'react';
import { createApi, createTypedClient, type Api, type ClientOptions } from './client';
import type { UpcomingApi, UpcomingPaths } from './upcoming';

export interface Clients {
  api: Api;
  upcoming: UpcomingApi;
}

export function createClients(options: ClientOptions = {}): Clients {
  return { api: createApi(options), upcoming: createTypedClient<UpcomingPaths>(options) };
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

/** The client of the endpoints not yet in the committed description (see upcoming.ts). */
export function useUpcomingApi(): UpcomingApi {
  const clients = useContext(ClientsContext);
  if (!clients) throw new Error('useUpcomingApi outside ApiProvider');
  return clients.upcoming;
}
