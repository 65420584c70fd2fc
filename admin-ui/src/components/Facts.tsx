import type { ReactNode } from 'react';

/** A description list of label → value rows. */
export function Facts({ rows, testId }: { rows: [string, ReactNode][]; testId?: string }) {
  return (
    <dl className="facts card" data-testid={testId}>
      {rows.map(([label, value]) => (
        <div className="facts__row" key={label}>
          <dt>{label}</dt>
          <dd>{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

const TONES: Record<string, 'ok' | 'bad' | 'warn'> = {
  ACTIVE: 'ok',
  SUCCEEDED: 'ok',
  OK: 'ok',
  SUCCESS: 'ok',
  REVOKED: 'bad',
  WITHDRAWN: 'bad',
  DELETED: 'bad',
  DISABLED: 'bad',
  BROKEN: 'bad',
  INTACT: 'ok',
  FAILED: 'bad',
  REFUSED: 'bad',
  SUPERSEDED: 'warn',
  RUNNING: 'warn',
  QUEUED: 'warn',
};

/** A status word in a coloured pill. */
export function StatusPill({ status, testId }: { status: string | undefined; testId?: string }) {
  const tone = status ? TONES[status] : undefined;
  return (
    <span className={`status-pill${tone ? ` status-pill--${tone}` : ''}`} data-testid={testId} data-status={status}>
      {status ?? '—'}
    </span>
  );
}
