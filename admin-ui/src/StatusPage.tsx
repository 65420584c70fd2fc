import { useDocumentTitle } from './components/PageHeader';
import { useCallback, useEffect, useState } from 'react';
import { fetchHealth, fetchPlatform, type Fetch, type PlatformInfo } from './api/status';
import { UNKNOWN_HEALTH, describeDatabase, describeFailure, formatMode, healthTone } from './lib/format';

export type StatusState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; platform: PlatformInfo; health: string; healthNote: string | null };

/** Loads the platform facts and its health in parallel. Only a failed platform call is an error state. */
export async function loadStatus(fetchFn: Fetch, signal?: AbortSignal): Promise<StatusState> {
  const [platform, health] = await Promise.allSettled([fetchPlatform(fetchFn, signal), fetchHealth(fetchFn, signal)]);
  if (platform.status === 'rejected') {
    return { kind: 'error', message: describeFailure(platform.reason) };
  }
  if (health.status === 'rejected') {
    return { kind: 'loaded', platform: platform.value, health: UNKNOWN_HEALTH, healthNote: describeFailure(health.reason) };
  }
  return { kind: 'loaded', platform: platform.value, health: health.value.status, healthNote: null };
}

export interface StatusPageProps {
  /** The fetch to use; tests pass a fake. */
  fetchFn?: Fetch;
  /** A page of its own (`main`, before sign-in), or a section inside the console's layout. */
  as?: 'main' | 'section';
}

// One stable function, so that the effect below does not run again on every render.
const browserFetch: Fetch = (input, init) => fetch(input, init);

export function StatusPage({ fetchFn = browserFetch, as: Element = 'main' }: StatusPageProps) {
  useDocumentTitle('Platform status');
  const [state, setState] = useState<StatusState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    loadStatus(fetchFn, controller.signal).then(
      (next) => {
        if (!controller.signal.aborted) setState(next);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'error', message: describeFailure(error) });
      },
    );
    return () => controller.abort();
    // fetchFn is a dependency on purpose: a new one means a new source of truth.
  }, [fetchFn, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  return (
    <Element className="page" aria-labelledby="page-title" aria-busy={state.kind === 'loading'}>
      <header className="page__header">
        <h1 id="page-title">Voucher</h1>
        <p className="page__subtitle">Platform status</p>
      </header>

      {state.kind === 'loading' && (
        <p className="notice" role="status" data-testid="status-loading">
          Loading platform status…
        </p>
      )}

      {state.kind === 'error' && (
        <section className="notice notice--error" role="alert" data-testid="status-error" aria-labelledby="error-title">
          <h2 id="error-title">API unreachable</h2>
          <p data-testid="status-error-detail">{state.message}</p>
          <button type="button" onClick={reload}>
            Retry
          </button>
        </section>
      )}

      {state.kind === 'loaded' && (
        <section className="card" aria-labelledby="facts-title" data-testid="status-loaded">
          <h2 id="facts-title">Platform</h2>
          <dl className="facts">
            <div className="facts__row">
              <dt>Name</dt>
              <dd data-testid="platform-name">{state.platform.name}</dd>
            </div>
            <div className="facts__row">
              <dt>Version</dt>
              <dd data-testid="platform-version">{state.platform.version}</dd>
            </div>
            <div className="facts__row">
              <dt>Database</dt>
              <dd data-testid="database-summary" title={describeDatabase(state.platform.database)}>
                <span data-testid="database-mode" data-mode={state.platform.database.mode}>
                  {formatMode(state.platform.database.mode)}
                </span>{' '}
                <span data-testid="database-product">{state.platform.database.product}</span>{' '}
                <span data-testid="database-version">{state.platform.database.product_version}</span>
              </dd>
            </div>
            <div className="facts__row">
              <dt id="health-label">Health</dt>
              <dd>
                <span
                  className={`badge badge--${healthTone(state.health)}`}
                  data-testid="health-status"
                  data-tone={healthTone(state.health)}
                  role="status"
                  aria-labelledby="health-label health-value"
                >
                  <span id="health-value">{state.health}</span>
                </span>
                {state.healthNote && (
                  <span className="facts__note" data-testid="health-note">
                    {' '}
                    {state.healthNote}
                  </span>
                )}
              </dd>
            </div>
          </dl>
          <button type="button" onClick={reload}>
            Refresh
          </button>
        </section>
      )}
    </Element>
  );
}
