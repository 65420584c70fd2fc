import { useEffect, useRef, type ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { inWords } from '../lib/labels';

export function Loading({ what = 'Loading…', testId }: { what?: string; testId?: string }) {
  return (
    <p className="notice" role="status" data-testid={testId ?? 'loading'}>
      {what}
    </p>
  );
}

/** Focuses the element when it appears (or changes): a result the operator should land on. */
function useFocusOnShow<T extends HTMLElement>(enabled: boolean, key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus({ preventScroll: false });
  }, [enabled, key]);
  return ref;
}

export function ErrorNotice({
  error,
  onRetry,
  title = 'Could not load',
  focus = false,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
  /** Take the focus when shown: the failure of what the operator just submitted. */
  focus?: boolean;
}) {
  const ref = useFocusOnShow<HTMLDivElement>(focus, error);
  return (
    <div className="notice notice--error" role="alert" data-testid="error" ref={ref} tabIndex={focus ? -1 : undefined}>
      <strong>{title}.</strong> <span data-testid="error-detail">{inWords(errorMessage(error))}</span>
      {onRetry && (
        <>
          {' '}
          <button type="button" className="button--small" onClick={onRetry}>
            Retry
          </button>
        </>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <p className="notice notice--empty" data-testid="empty">
      {children}
    </p>
  );
}

/** A green, dismissable note after a successful action; the focus moves to it, so that keyboard and screen reader users land on the result. */
export function Done({ children, onDismiss }: { children: ReactNode; onDismiss?: () => void }) {
  const ref = useFocusOnShow<HTMLDivElement>(true, typeof children === 'string' ? children : null);
  return (
    <div className="notice notice--ok" role="status" data-testid="done" ref={ref} tabIndex={-1}>
      {children}
      {onDismiss && (
        <>
          {' '}
          <button type="button" className="button--small button--link" onClick={onDismiss} aria-label="Dismiss">
            ×
          </button>
        </>
      )}
    </div>
  );
}
