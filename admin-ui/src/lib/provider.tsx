import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiProblem, unwrap } from '../api/client';
import { useApi } from '../api/context';
import { PageHeader } from '../components/PageHeader';
import { Loading } from '../components/States';
import { SearchPicker } from '../components/SearchPicker';
import { searchProviders } from './pickers';
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

/**
 * Chooses the provider, searched by name or display name: the same page for another
 * provider, from its first page. Typing alone changes nothing; choosing a provider does.
 */
export function ProviderPicker({ id = 'provider-picker' }: { id?: string }) {
  const provider = useProvider();
  const api = useApi();
  const navigate = useNavigate();
  const location = useLocation();
  const [text, setText] = useState(provider ?? '');
  useEffect(() => setText(provider ?? ''), [provider]);
  const search = useMemo(() => searchProviders(api), [api]);

  return (
    <div
      className="provider-picker"
      onBlur={(e) => {
        // Leaving the box without choosing shows the provider still acted for.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setText(provider ?? '');
      }}
    >
      <label htmlFor={id}>Provider</label>
      <SearchPicker
        id={id}
        data-testid={id}
        value={text}
        search={search}
        placeholder="Search providers…"
        onChange={(value, option) => {
          setText(value);
          if (!option) return;
          // Lists and details of one provider mean nothing for another: keep the page, drop the rest.
          const base = location.pathname.split('/').slice(0, 2).join('/') || '/';
          navigate(`${base}?provider=${encodeURIComponent(option.value)}`);
        }}
      />
    </div>
  );
}

/** Providers this console has seen answer: their pages show at once, without asking again. */
const knownProviders = new Set<string>();

/**
 * Shows its children once a provider is chosen and known; before that, the page's heading and
 * why nothing shows. A provider that does not exist (a stale or mistyped link) gets a notice,
 * not a page offering to create things for it.
 */
export function RequireProvider({
  title,
  header = true,
  children,
}: {
  title: string;
  /** False when the page shows its own heading above (it has more than one provider's part). */
  header?: boolean;
  children: (provider: string) => ReactNode;
}) {
  const provider = useProvider();
  const api = useApi();
  const known = provider !== null && knownProviders.has(provider);
  const check = useLoad(
    async (signal) => {
      if (!provider || knownProviders.has(provider)) return true;
      await unwrap(api.GET('/api/v1/admin/providers/{name}', { params: { path: { name: provider } }, signal }));
      knownProviders.add(provider);
      return true;
    },
    [provider, api],
  );
  if (!provider) {
    return (
      <>
        {header && <PageHeader title={title} />}
        <div className="notice" data-testid="provider-required">
          <p>This page shows one provider's data. Choose the provider to act for:</p>
          <ProviderPicker id="provider-picker-inline" />
        </div>
      </>
    );
  }
  if (check.state.kind === 'error' && check.state.error instanceof ApiProblem && check.state.error.status === 404) {
    return (
      <>
        {header && <PageHeader title={title} subtitle={`Provider ${provider}`} />}
        <div className="notice notice--error" role="alert" data-testid="provider-unknown">
          <p>There is no provider named “{provider}”. Choose one that exists:</p>
          <ProviderPicker id="provider-picker-inline" />
        </div>
      </>
    );
  }
  if (!known && check.state.kind === 'loading') {
    return (
      <>
        {header && <PageHeader title={title} subtitle={`Provider ${provider}`} />}
        <Loading what="Loading the provider…" testId="provider-loading" />
      </>
    );
  }
  // Any other failure to check (a network hiccup) is the page's own to show when it loads.
  return <>{children(provider)}</>;
}
