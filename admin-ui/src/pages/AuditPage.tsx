import { useState } from 'react';
import { Link, Route, Routes } from 'react-router';
import { unwrap, type Schemas } from '../api/client';
import { useApi } from '../api/context';
import { DataTable } from '../components/DataTable';
import { StatusPill } from '../components/Facts';
import { PageHeader } from '../components/PageHeader';
import { ErrorNotice } from '../components/States';
import { formatCount, formatInstant, shorten, utcInputToInstant } from '../lib/format';
import type { CsvColumn } from '../lib/csv';
import { apiQuery } from '../lib/listParams';
import { useLinkTo } from '../lib/provider';
import { AuditEventDetail, AuditTarget } from './AuditEventDetail';

type AuditEvent = Schemas['AuditEvent'];
type Verification = Schemas['Verification'];

/** The list's filters (URL names) and the API's query for them: `from`/`to` are typed in UTC. */
export function auditQuery(query: Record<string, string | number>): Record<string, string | number> {
  const { provider_name, from, to, sort: _unsorted, ...rest } = query;
  const out: Record<string, string | number> = { ...rest };
  if (provider_name) out.provider = provider_name;
  const fromInstant = typeof from === 'string' ? utcInputToInstant(from) : null;
  const toInstant = typeof to === 'string' ? utcInputToInstant(to) : null;
  if (fromInstant) out.from = fromInstant;
  if (toInstant) out.to = toInstant;
  return out;
}

export function AuditPage() {
  return (
    <Routes>
      <Route index element={<AuditList />} />
      <Route path=":id" element={<AuditEventDetail />} />
    </Routes>
  );
}

/** The audit trail's columns in a CSV file: every field in full, instants in ISO-8601 UTC. */
export const AUDIT_CSV: CsvColumn<AuditEvent>[] = [
  { header: 'id', value: (e) => e.id },
  { header: 'occurred_at', value: (e) => e.occurred_at },
  { header: 'actor_type', value: (e) => e.actor_type },
  { header: 'actor', value: (e) => e.actor },
  { header: 'provider', value: (e) => e.provider },
  { header: 'action', value: (e) => e.action },
  { header: 'target', value: (e) => e.target },
  { header: 'outcome', value: (e) => e.outcome },
  { header: 'detail', value: (e) => e.detail },
  { header: 'hash', value: (e) => e.hash },
];

function AuditList() {
  const api = useApi();
  const linkTo = useLinkTo();
  return (
    <>
      <PageHeader title="Audit trail" subtitle="Every change made through the API, newest first, in a hash chain">
        <VerifyButton />
      </PageHeader>
      <DataTable<AuditEvent>
        label="Audit events"
        testId="audit"
        filters={[
          // Not `provider`: that parameter is the console's chosen provider, and most admin events have none.
          { name: 'provider_name', label: 'Provider', placeholder: 'Provider name' },
          { name: 'actor', label: 'Actor', placeholder: 'User, credential or device' },
          { name: 'action', label: 'Action starts with', placeholder: 'e.g. POST /api/v1/devices/' },
          { name: 'outcome', label: 'Outcome', type: 'select', options: ['SUCCESS', 'REFUSED', 'FAILED'].map((o) => ({ value: o, label: o })) },
          { name: 'from', label: 'From (UTC)', type: 'datetime' },
          { name: 'to', label: 'To (UTC)', type: 'datetime' },
        ]}
        load={(query, signal) => unwrap(api.GET('/api/v1/admin/audit-events', { params: { query: auditQuery(apiQuery(query)) }, signal }))}
        rowKey={(e) => String(e.id)}
        empty="No audit event matches."
        csv={{ name: 'audit', columns: AUDIT_CSV }}
        columns={[
          {
            key: 'id',
            header: '#',
            className: 'num',
            render: (e) => (
              <Link to={linkTo(`/audit/${e.id}`)} data-testid="audit-event-link" aria-label={`Audit event ${e.id}`}>
                {e.id}
              </Link>
            ),
          },
          { key: 'occurred_at', header: 'When', render: (e) => formatInstant(e.occurred_at) },
          {
            key: 'actor',
            header: 'Actor',
            render: (e) => (
              <>
                <span className="badge">{e.actor_type}</span> <span title={e.actor}>{shorten(e.actor, 16)}</span>
              </>
            ),
          },
          { key: 'action', header: 'Action', render: (e) => <span className="mono">{e.action}</span> },
          { key: 'target', header: 'Target', render: (e) => <AuditTarget event={e} short /> },
          { key: 'outcome', header: 'Outcome', render: (e) => <StatusPill status={e.outcome} /> },
          { key: 'detail', header: 'Detail', render: (e) => e.detail ?? '—' },
          { key: 'hash', header: 'Chain hash', render: (e) => (e.hash ? <span className="mono" title={e.hash}>{shorten(e.hash, 6)}</span> : 'not sealed yet') },
        ]}
      />
    </>
  );
}

/** Recomputes the chain on the server and shows whether it holds, or where it breaks. */
function VerifyButton() {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="verify">
      <button
        type="button"
        disabled={busy}
        data-testid="verify-chain"
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            setResult(await unwrap(api.GET('/api/v1/admin/audit-events/verification')));
          } catch (e) {
            setResult(null);
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Verifying…' : 'Verify chain'}
      </button>
      {error !== null && <ErrorNotice error={error} title="Not verified" />}
      {result && <VerificationResult result={result} />}
    </div>
  );
}

export function VerificationResult({ result }: { result: Verification }) {
  const breaks = result.breaks ?? [];
  const intact = result.intact === true && breaks.length === 0;
  return (
    <div className={`notice ${intact ? 'notice--ok' : 'notice--error'}`} role="status" data-testid="chain-verification" data-intact={String(intact)}>
      <StatusPill status={intact ? 'OK' : 'BROKEN'} testId="chain-status" />{' '}
      {intact ? (
        <>
          {formatCount(result.verified_events)} sealed event(s) verified
          {result.last_event_id !== undefined && result.last_event_id !== null ? `, up to #${result.last_event_id}` : ''}
        </>
      ) : (
        <>The chain breaks at {breaks.length} place(s):</>
      )}
      {result.unsealed_events ? `; ${formatCount(result.unsealed_events)} newer event(s) not sealed yet` : ''} ({formatInstant(result.verified_at)}).
      {!intact && breaks.length > 0 && (
        <ul data-testid="chain-breaks">
          {breaks.map((b) => (
            <li key={`${b.event_id}-${b.reason}`}>
              Event #{b.event_id}: {b.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
