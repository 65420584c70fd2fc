import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';

export function Loading({ what = 'Loading…', testId }: { what?: string; testId?: string }) {
  return (
    <p className="notice" role="status" data-testid={testId ?? 'loading'}>
      {what}
    </p>
  );
}

export function ErrorNotice({ error, onRetry, title = 'Could not load' }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <div className="notice notice--error" role="alert" data-testid="error">
      <strong>{title}.</strong> <span data-testid="error-detail">{errorMessage(error)}</span>
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

/** A green, dismissable note after a successful action. */
export function Done({ children, onDismiss }: { children: ReactNode; onDismiss?: () => void }) {
  return (
    <div className="notice notice--ok" role="status" data-testid="done">
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
