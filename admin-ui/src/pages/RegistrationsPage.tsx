import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { unwrap, type Schemas } from '../api/client';
import { useApi } from '../api/context';
import { Can } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { Facts, StatusPill } from '../components/Facts';
import { Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { Done, ErrorNotice, Loading } from '../components/States';
import { formatInstant, shorten } from '../lib/format';
import { fingerprintPath } from '../lib/links';
import { apiQuery } from '../lib/listParams';
import { RequireProvider, useLinkTo } from '../lib/provider';
import { useLoad } from '../lib/useLoad';
import { REGISTRATION_CSV } from '../lib/csvColumns';

const GENERATED_ID = /^[A-Za-z0-9_-]{22,64}$/;

export function RegistrationsPage() {
  return (
    <RequireProvider title="Registrations">
      {(provider) => (
        <Routes>
          <Route index element={<RegistrationList provider={provider} />} />
          <Route path=":generatedId" element={<RegistrationDetail provider={provider} />} />
        </Routes>
      )}
    </RequireProvider>
  );
}

function RegistrationList({ provider }: { provider: string }) {
  const api = useApi();
  const linkTo = useLinkTo();
  return (
    <>
      <PageHeader title="Registrations and devices" subtitle={`Devices registered for ${provider}`} />
      <DataTable<Schemas['Registration']>
        label="Registrations"
        testId="registrations"
        csv={{ name: `registrations-${provider}`, columns: REGISTRATION_CSV }}
        deps={[provider]}
        filters={[
          { name: 'q', label: 'Search', placeholder: 'Generated ID, fingerprint, make or model' },
          {
            name: 'status',
            label: 'Status',
            type: 'select',
            options: ['ACTIVE', 'SUPERSEDED', 'REVOKED'].map((s) => ({ value: s, label: s })),
          },
        ]}
        load={(query, signal) => unwrap(api.GET('/api/v1/registrations', { params: { query: { ...apiQuery(query), provider } }, signal }))}
        rowKey={(r) => r.generated_id ?? ''}
        empty="No registration matches."
        columns={[
          {
            key: 'generated_id',
            header: 'Generated ID',
            sortable: true,
            render: (r) => (
              <Link to={linkTo(`/registrations/${encodeURIComponent(r.generated_id ?? '')}`)} className="mono" title={r.generated_id}>
                {shorten(r.generated_id, 12)}
              </Link>
            ),
          },
          { key: 'device', header: 'Make / model', render: (r) => [r.make, r.model].filter(Boolean).join(' ') || '—' },
          {
            key: 'fingerprint',
            header: 'Fingerprint',
            render: (r) => (
              <Link to={fingerprintPath(r.fingerprint ?? '', provider)} className="mono" title={`Every registration of ${r.fingerprint}`}>
                {shorten(r.fingerprint, 8)}
              </Link>
            ),
          },
          { key: 'security_level', header: 'Level', className: 'num', render: (r) => r.security_level },
          { key: 'status', header: 'Status', sortable: true, render: (r) => <StatusPill status={r.status} /> },
          { key: 'registered_at', header: 'Registered', sortable: true, render: (r) => formatInstant(r.registered_at) },
        ]}
      />
    </>
  );
}

function RegistrationDetail({ provider }: { provider: string }) {
  const { generatedId = '' } = useParams();
  const api = useApi();
  const linkTo = useLinkTo();
  const { state, data, reload } = useLoad(
    (signal) =>
      unwrap(api.GET('/api/v1/registrations/{generatedId}', { params: { path: { generatedId }, query: { provider } }, signal })),
    [generatedId, provider],
  );
  const [dialog, setDialog] = useState<'revoke' | 'transfer' | null>(null);
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const certificate = data?.certificate;
  return (
    <>
      <PageHeader title="Registration" subtitle={generatedId}>
        <Link to={linkTo('/registrations')}>All registrations</Link>
        {data && (
          <Can capability="write">
            {data.status === 'ACTIVE' && (
              <Link
                className="button button--primary"
                to={linkTo('/entitlements/new', { generated_id: data.generated_id ?? generatedId })}
                data-testid="grant-to-registration"
              >
                Grant entitlement
              </Link>
            )}
            {data.status !== 'REVOKED' && (
              <button type="button" className="button--danger" onClick={() => setDialog('revoke')} data-testid="revoke-device">
                Block device
              </button>
            )}
            {data.status !== 'SUPERSEDED' && (
              <button type="button" onClick={() => setDialog('transfer')} data-testid="transfer-registration">
                Transfer after reset
              </button>
            )}
          </Can>
        )}
      </PageHeader>
      {done && <Done onDismiss={() => setDone(null)}>{done}</Done>}
      {state.kind === 'loading' && !data && <Loading />}
      {state.kind === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {data && (
        <>
          <Facts
            testId="registration-facts"
            rows={[
              ['Status', <StatusPill status={data.status} testId="registration-status" />],
              ['Generated ID', <span className="mono">{data.generated_id}</span>],
              [
                'Fingerprint',
                <Link to={fingerprintPath(data.fingerprint ?? '', provider)} className="mono" data-testid="registration-fingerprint" title="Every registration of this device">
                  {data.fingerprint}
                </Link>,
              ],
              ['Make', data.make],
              ['Model', data.model],
              ['Security level', data.security_level],
              ['Maximum HDCP', data.max_hdcp],
              ['Registered', formatInstant(data.registered_at)],
              ['Ended', formatInstant(data.ended_at)],
              ['Superseded by', data.superseded_by ? <Link to={linkTo(`/registrations/${encodeURIComponent(data.superseded_by)}`)}>{data.superseded_by}</Link> : '—'],
              ['Bundle version', data.bundle_version],
            ]}
          />
          <section className="section" aria-labelledby="certificate-title">
            <h2 id="certificate-title">Device certificate</h2>
            {certificate ? (
              <Facts
                testId="certificate-facts"
                rows={[
                  ['Subject', <span className="mono">{certificate.subject}</span>],
                  ['Issuer', <span className="mono">{certificate.issuer}</span>],
                  ['Serial number', <span className="mono">{certificate.serial_number}</span>],
                  ['Valid from', formatInstant(certificate.not_before)],
                  ['Valid until', formatInstant(certificate.not_after)],
                  ['Key algorithm', certificate.key_algorithm],
                ]}
              />
            ) : (
              <p className="notice">The server gave no certificate details.</p>
            )}
          </section>
          <p>
            <Link to={linkTo('/licenses', { device: data.fingerprint ?? '' })}>Licenses issued to this device</Link> ·{' '}
            <Link to={linkTo('/entitlements', { generated_id: data.generated_id ?? '' })}>Entitlements of this ID</Link>
          </p>
        </>
      )}
      {dialog === 'revoke' && data && (
        <ConfirmDialog
          title={`Block this device for ${provider}?`}
          confirmLabel="Block device"
          confirmDisabled={!reason.trim() || reason.length > 500}
          onCancel={() => setDialog(null)}
          onConfirm={async () => {
            await unwrap(
              api.POST('/api/v1/devices/{fingerprint}/revoke', {
                params: { path: { fingerprint: data.fingerprint ?? '' }, query: { provider } },
                body: { reason: reason.trim() },
              }),
            );
            setDialog(null);
            setReason('');
            setDone(`Device blocked for ${provider}: its registrations with ${provider} ended and its license requests to ${provider} are refused.`);
            reload();
          }}
        >
          <p>
            The device <span className="mono">{shorten(data.fingerprint, 10)}</span> (its certificate, and its key when Voucher knows it) is
            refused for {provider}&apos;s licenses, registrations and groups. Other providers are not affected; revoking a device for the
            whole platform is an administrator&apos;s action on the revocation list. This cannot be undone.
          </p>
          <Field label="Reason" name="revoke-reason" hint="Kept in the audit trail, e.g. “certificate cloned”.">
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          </Field>
        </ConfirmDialog>
      )}
      {dialog === 'transfer' && data && (
        <ConfirmDialog
          title="Transfer to the device's new generated ID?"
          confirmLabel="Transfer"
          danger={false}
          confirmDisabled={!GENERATED_ID.test(target.trim())}
          onCancel={() => setDialog(null)}
          onConfirm={async () => {
            const result = await unwrap(
              api.POST('/api/v1/registrations/{generatedId}/transfer', {
                params: { path: { generatedId }, query: { provider } },
                body: { to_generated_id: target.trim() },
              }),
            );
            setDialog(null);
            setTarget('');
            setDone(`Moved ${result.moved_entitlements ?? 0} entitlement(s) to ${result.to_generated_id}.`);
            reload();
          }}
        >
          <p>After a factory reset the device registers with a new generated ID. Its entitlements move there; this registration becomes SUPERSEDED and its bundle is withdrawn.</p>
          <Field label="New generated ID" name="transfer-target" hint="22–64 base64url characters." error={target && !GENERATED_ID.test(target.trim()) ? 'Not a generated ID.' : undefined}>
            <input value={target} onChange={(e) => setTarget(e.target.value)} spellCheck={false} />
          </Field>
        </ConfirmDialog>
      )}
    </>
  );
}
