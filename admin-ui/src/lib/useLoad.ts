import { useCallback, useEffect, useRef, useState } from 'react';

export type LoadState<T> =
  | { kind: 'loading'; previous?: T }
  | { kind: 'error'; error: unknown; previous?: T }
  | { kind: 'loaded'; data: T };

/**
 * Loads data when its inputs change and on reload(); aborts the previous load. While a
 * reload runs, the previous data stays on screen (`previous`), so that lists do not flicker.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]) {
  const [state, setState] = useState<LoadState<T>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState((current) => ({ kind: 'loading', previous: current.kind === 'loaded' ? current.data : current.previous }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ kind: 'loaded', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState((current) => ({ kind: 'error', error, previous: current.kind === 'loading' ? current.previous : undefined }));
        }
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const data = state.kind === 'loaded' ? state.data : state.previous;
  return { state, data, reload };
}
