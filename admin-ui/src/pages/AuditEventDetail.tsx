import { Link, useParams } from 'react-router';
import { unwrap, type Schemas } from '../api/client';
import { useApi } from '../api/context';
import { Facts, StatusPill } from '../components/Facts';
import { PageHeader } from '../components/PageHeader';
import { ErrorNotice, Loading } from '../components/States';
import { formatInstant, shorten } from '../lib/format';
import { auditTargetPath, fingerprintPath, providerPath } from '../lib/links';
import { useLinkTo } from '../lib/provider';
import { useLoad } from '../lib/useLoad';

type AuditEvent = Schemas['AuditEvent'];

/** An event's target: the request path, linked to the record's page when the console has one. */
export function AuditTarget({ event, short = false }: { event: AuditEvent; short?: boolean }) {
  const target = event.target;
  if (!target) return <>—</>;
  const text = short ? shorten(target, 24) : target;
  const path = auditTargetPath(target, event.provider);
  return path ? (
    <Link to={path} className="mono" title={target} data-testid="audit-target-link">
      {text}
    </Link>
  ) : (
    <span className="mono" title={target}>
      {text}
    </span>
  );
}

/** One audit event with every field in full, and links to what it names. */
export function AuditEventDetail() {
  const { id = '' } = useParams();
  const api = useApi();
  const linkTo = useLinkTo();
  const valid = /^\d{1,19}$/.test(id);
  const { state, data, reload } = useLoad(
    (signal) =>
      valid
        ? unwrap(api.GET('/api/v1/admin/audit-events/{id}', { params: { path: { id: Number(id) } }, signal }))
        : Promise.reject(new Error(`“${id}” is not an audit event number.`)),
    [id],
  );

  return (
    <>
      <PageHeader title={`Audit event #${id}`} subtitle={data ? `${data.action} · ${formatInstant(data.occurred_at)}` : undefined}>
        <Link to={linkTo('/audit')}>Audit trail</Link>
      </PageHeader>
      {state.kind === 'loading' && !data && <Loading />}
      {state.kind === 'error' && <ErrorNotice error={state.error} onRetry={valid ? reload : undefined} />}
      {data && (
        <>
          <Facts
            testId="audit-event-facts"
            rows={[
              ['Outcome', <StatusPill status={data.outcome} testId="audit-event-outcome" />],
              ['When', formatInstant(data.occurred_at)],
              ['Action', <span className="mono" data-testid="audit-event-action">{data.action}</span>],
              ['Target', <span data-testid="audit-event-target"><AuditTarget event={data} /></span>],
              [
                'Actor',
                <>
                  <span className="badge">{data.actor_type}</span>{' '}
                  {data.actor_type === 'DEVICE' && data.actor ? (
                    <Link to={fingerprintPath(data.actor, data.provider)} className="mono" data-testid="audit-event-actor" title="Registrations of this device">
                      {data.actor}
                    </Link>
                  ) : (
                    <span className="mono" data-testid="audit-event-actor">
                      {data.actor}
                    </span>
                  )}
                </>,
              ],
              [
                'Provider',
                data.provider ? (
                  <Link to={providerPath(`/providers/${encodeURIComponent(data.provider)}`, data.provider)} data-testid="audit-event-provider">
                    {data.provider}
                  </Link>
                ) : (
                  '—'
                ),
              ],
              ['Detail', <span data-testid="audit-event-detail">{data.detail ?? '—'}</span>],
              ['Chain hash', data.hash ? <span className="mono">{data.hash}</span> : 'not sealed yet'],
            ]}
          />
          <p>
            <Link to={linkTo('/audit', { actor: data.actor ?? '' })} data-testid="audit-event-same-actor">
              Every event by this actor
            </Link>
            {data.provider && (
              <>
                {' · '}
                <Link to={linkTo('/audit', { provider_name: data.provider })}>Every event of {data.provider}</Link>
              </>
            )}
          </p>
        </>
      )}
    </>
  );
}
