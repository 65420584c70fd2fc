import type { ReactNode } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { unwrap } from '../api/client';
import { useApi } from '../api/context';
import { useLoad } from './useLoad';

/** The provider the console acts for, from the URL's `provider` parameter (deep links keep it). */
export function useProvider(): string | null {
  const [params] = useSearchParams();
  return params.get('provider') || null;
}

/** A console path with the current provider kept: `/policies` → `/policies?provider=acme`. */
export function useLinkTo(): (path: string, extra?: Record<string, string>) => string {
  const provider = useProvider();
  return (path, extra = {}) => {
    const params = new URLSearchParams(extra);
    if (provider && !params.has('provider')) params.set('provider', provider);
    const query = params.toString();
    return query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path;
  };
}

/** The providers to pick from (the first 200, by name). */
export function useProviders() {
  const api = useApi();
  return useLoad(
    (signal) => unwrap(api.GET('/api/v1/admin/providers', { params: { query: { page: 0, size: 200, sort: 'name,asc' } }, signal })),
    [api],
  );
}

/** Chooses the provider: the same page for another provider, from its first page. */
export function ProviderPicker({ id = 'provider-picker' }: { id?: string }) {
  const provider = useProvider();
  const { data, state } = useProviders();
  const navigate = useNavigate();
  const location = useLocation();
  const names = (data?.items ?? []).map((p) => p.name ?? '').filter(Boolean);
  if (provider && !names.includes(provider)) names.unshift(provider);

  return (
    <div className="provider-picker">
      <label htmlFor={id}>Provider</label>
      <select
        id={id}
        value={provider ?? ''}
        data-testid={id}
        aria-busy={state.kind === 'loading'}
        onChange={(e) => {
          const value = e.target.value;
          // Lists and details of one provider mean nothing for another: keep the page, drop the rest.
          const base = location.pathname.split('/').slice(0, 2).join('/') || '/';
          navigate(value ? `${base}?provider=${encodeURIComponent(value)}` : base);
        }}
      >
        <option value="">{state.kind === 'error' ? 'Providers could not be loaded' : 'Choose a provider…'}</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Shows its children once a provider is chosen; before that, says why nothing shows. */
export function RequireProvider({ children }: { children: (provider: string) => ReactNode }) {
  const provider = useProvider();
  if (!provider) {
    return (
      <div className="notice" data-testid="provider-required">
        <p>This page shows one provider's data. Choose the provider to act for:</p>
        <ProviderPicker id="provider-picker-inline" />
      </div>
    );
  }
  return <>{children(provider)}</>;
}
