import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { unwrap, type Schemas } from '../api/client';
import { useApi } from '../api/context';
import { Can, useSession } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { Checkbox, Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { SecretOnce } from '../components/SecretOnce';
import { StatusPill } from '../components/Facts';
import { Done, Empty, ErrorNotice, Loading } from '../components/States';
import { apiQuery } from '../lib/listParams';
import { formatInstant } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { useSubmit } from '../lib/useSubmit';
import { PROVIDER_CSV } from '../lib/csvColumns';
import { EditProviderForm, ProviderStateDialog } from './ProviderManagement';

type Provider = Schemas['Provider'];
type Credential = Schemas['ProviderCredential'];

const PROVIDER_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** Checks a new provider as the server will; returns messages by field. */
export function validateProvider(form: { name: string; display_name: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.name) errors.name = 'Required.';
  else if (form.name.length > 63) errors.name = 'At most 63 characters.';
  else if (!PROVIDER_NAME.test(form.name)) errors.name = 'Lower-case letters, digits, ".", "_" and "-", starting with a letter or digit.';
  if (!form.display_name.trim()) errors.display_name = 'Required.';
  else if (form.display_name.length > 200) errors.display_name = 'At most 200 characters.';
  return errors;
}

export function ProvidersPage() {
  return (
    <Routes>
      <Route index element={<ProviderList />} />
      <Route path=":name" element={<ProviderDetail />} />
    </Routes>
  );
}

function ProviderList() {
  const api = useApi();
  const [reload, setReload] = useState(0);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  return (
    <>
      <PageHeader title="Providers" subtitle="Content providers and their API credentials">
        <Can capability="write">
          <button type="button" className="button--primary" onClick={() => setCreating(true)} data-testid="new-provider">
            New provider
          </button>
        </Can>
      </PageHeader>
      {created && <Done onDismiss={() => setCreated(null)}>Provider {created} created.</Done>}
      {creating && (
        <CreateProviderForm
          onCancel={() => setCreating(false)}
          onCreated={(provider) => {
            setCreating(false);
            setCreated(provider.name ?? '');
            setReload((n) => n + 1);
          }}
        />
      )}
      <DataTable<Provider>
        label="Providers"
        testId="providers"
        csv={{ name: 'providers', columns: PROVIDER_CSV }}
        filters={[{ name: 'q', label: 'Search', placeholder: 'Part of the name or display name' }]}
        reloadToken={reload}
        load={(query, signal) => unwrap(api.GET('/api/v1/admin/providers', { params: { query: apiQuery(query) }, signal }))}
        rowKey={(p) => p.name ?? ''}
        empty="No providers yet."
        columns={[
          {
            key: 'name',
            header: 'Name',
            sortable: true,
            render: (p) => <Link to={`/providers/${encodeURIComponent(p.name ?? '')}?provider=${encodeURIComponent(p.name ?? '')}`}>{p.name}</Link>,
          },
          { key: 'display_name', header: 'Display name', render: (p) => p.display_name },
          { key: 'state', header: 'State', render: (p) => <StatusPill status={p.disabled ? 'DISABLED' : 'ACTIVE'} /> },
          { key: 'created_at', header: 'Created', sortable: true, render: (p) => formatInstant(p.created_at) },
        ]}
      />
    </>
  );
}

function CreateProviderForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (p: Provider) => void }) {
  const api = useApi();
  const [form, setForm] = useState({ name: '', display_name: '' });
  const { busy, errors, failure, run } = useSubmit();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    void run(async () => onCreated(await unwrap(api.POST('/api/v1/admin/providers', { body: form }))), { validate: () => validateProvider(form) });
  };

  return (
    <form className="card form" onSubmit={submit} noValidate aria-label="New provider" data-testid="provider-form">
      <h2>New provider</h2>
      <Field label="Name" name="name" error={errors.name} hint={
          <>
            Stable; used as <code>provider</code> in license messages.
          </>
        }>
        <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} autoFocus />
      </Field>
      <Field label="Display name" name="display_name" error={errors.display_name}>
        <input value={form.display_name} onChange={(e) => setForm({ ...form, display_name: e.target.value })} />
      </Field>
      {failure !== null && <ErrorNotice error={failure} title="Not created" focus />}
      <div className="form-actions">
        <button type="submit" className="button--primary" disabled={busy} data-testid="save-provider">
          Create
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ProviderDetail() {
  const { name = '' } = useParams();
  const api = useApi();
  const session = useSession();
  const provider = useLoad((signal) => unwrap(api.GET('/api/v1/admin/providers/{name}', { params: { path: { name } }, signal })), [name]);
  const credentials = useLoad(
    (signal) => unwrap(api.GET('/api/v1/admin/providers/{name}/credentials', { params: { path: { name } }, signal })),
    [name],
  );
  const [secret, setSecret] = useState<{ label: string; token: string } | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [confirm, setConfirm] = useState<{ kind: 'rotate' | 'revoke'; credential: Credential } | null>(null);
  const [grace, setGrace] = useState('86400');
  const [managing, setManaging] = useState<'edit' | 'state' | null>(null);
  const [changed, setChanged] = useState<string | null>(null);

  const p = provider.data;
  const activeCredentials = credentials.data ? credentials.data.filter((c) => c.active && !c.revoked_at).length : null;
  return (
    <>
      <PageHeader title={p?.display_name ?? name} subtitle={`Provider ${name}`}>
        <Link to="/providers">All providers</Link>
        {p && (
          <Can capability="manageProviders">
            <button type="button" onClick={() => setManaging('edit')} data-testid="edit-provider">
              Edit
            </button>
            <button
              type="button"
              className={p.disabled ? undefined : 'button--danger'}
              onClick={() => setManaging('state')}
              data-testid={p.disabled ? 'enable-provider' : 'disable-provider'}
            >
              {p.disabled ? 'Enable…' : 'Disable…'}
            </button>
          </Can>
        )}
      </PageHeader>
      {changed && <Done onDismiss={() => setChanged(null)}>{changed}</Done>}
      {provider.state.kind === 'error' && <ErrorNotice error={provider.state.error} onRetry={provider.reload} />}
      {p && managing === 'edit' && (
        <EditProviderForm
          provider={p}
          onCancel={() => setManaging(null)}
          onSaved={(saved) => {
            setManaging(null);
            setChanged(`Display name changed to “${saved.display_name}”.`);
            provider.reload();
          }}
        />
      )}
      {p && managing === 'state' && (
        <ProviderStateDialog
          provider={p}
          activeCredentials={activeCredentials}
          onCancel={() => setManaging(null)}
          onChanged={(saved) => {
            setManaging(null);
            setChanged(saved.disabled ? `${name} is disabled: its credentials are refused and its devices get nothing new.` : `${name} is enabled again.`);
            provider.reload();
          }}
        />
      )}
      {p && (
        <dl className="facts card">
          <div className="facts__row">
            <dt>Name</dt>
            <dd>{p.name}</dd>
          </div>
          <div className="facts__row">
            <dt>State</dt>
            <dd>
              <StatusPill status={p.disabled ? 'DISABLED' : 'ACTIVE'} testId="provider-state" />
              {p.disabled && p.disabled_at ? ` since ${formatInstant(p.disabled_at)}` : ''}
            </dd>
          </div>
          <div className="facts__row">
            <dt>Created</dt>
            <dd>{formatInstant(p.created_at)}</dd>
          </div>
        </dl>
      )}

      <section className="section" aria-labelledby="credentials-title">
        <div className="section__header">
          <h2 id="credentials-title">API credentials</h2>
          <Can capability="manageCredentials">
            <button type="button" onClick={() => setIssuing(true)} data-testid="new-credential">
              New credential
            </button>
          </Can>
        </div>
        {secret && <SecretOnce label={`Token of “${secret.label}”`} value={secret.token} onDismiss={() => setSecret(null)} />}
        {issuing && (
          <IssueCredentialForm
            provider={name}
            onCancel={() => setIssuing(false)}
            onIssued={(issued) => {
              setIssuing(false);
              setSecret({ label: issued.label ?? '', token: issued.token ?? '' });
              credentials.reload();
            }}
          />
        )}
        {credentials.state.kind === 'loading' && !credentials.data && <Loading />}
        {credentials.state.kind === 'error' && <ErrorNotice error={credentials.state.error} onRetry={credentials.reload} />}
        {credentials.data && credentials.data.length === 0 && <Empty>No credentials: this provider's backend cannot call the API yet.</Empty>}
        {credentials.data && credentials.data.length > 0 && (
          <div className="table-scroll">
            <table className="table--stack" data-testid="credentials-table">
              <caption className="visually-hidden">API credentials</caption>
              <thead>
                <tr>
                  <th scope="col">Prefix</th>
                  <th scope="col">Label</th>
                  <th scope="col">Key export</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">State</th>
                  {session.can('manageCredentials') && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {credentials.data.map((c) => (
                  <tr key={c.prefix}>
                    <td data-label="Prefix">
                      <code>{c.prefix}</code>
                    </td>
                    <td data-label="Label">{c.label}</td>
                    <td data-label="Key export">{c.key_export ? 'yes' : 'no'}</td>
                    <td data-label="Created">{formatInstant(c.created_at)}</td>
                    <td data-label="Last used">{formatInstant(c.last_used_at)}</td>
                    <td data-label="State">
                      {c.revoked_at ? `revoked ${formatInstant(c.revoked_at)}` : c.expires_at ? `expires ${formatInstant(c.expires_at)}` : c.active ? 'active' : 'inactive'}
                    </td>
                    {session.can('manageCredentials') && (
                      <td className="actions" data-label="Actions">
                        {c.active && !c.revoked_at && (
                          // One grid cell for both buttons when the row stacks on a phone.
                          <span className="actions__group">
                            <button type="button" className="button--small" onClick={() => setConfirm({ kind: 'rotate', credential: c })}>
                              Rotate
                            </button>
                            <button type="button" className="button--small button--danger" onClick={() => setConfirm({ kind: 'revoke', credential: c })}>
                              Revoke
                            </button>
                          </span>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {confirm?.kind === 'revoke' && (
        <ConfirmDialog
          title={`Revoke credential ${confirm.credential.prefix}?`}
          confirmLabel="Revoke"
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            await unwrap(api.DELETE('/api/v1/admin/providers/{name}/credentials/{prefix}', { params: { path: { name, prefix: confirm.credential.prefix ?? '' } } }));
            setConfirm(null);
            credentials.reload();
          }}
        >
          <p>Calls with this credential are refused from now on. This cannot be undone.</p>
        </ConfirmDialog>
      )}
      {confirm?.kind === 'rotate' && (
        <ConfirmDialog
          title={`Rotate credential ${confirm.credential.prefix}?`}
          confirmLabel="Rotate"
          danger={false}
          confirmDisabled={!/^\d+$/.test(grace) || Number(grace) > 2592000}
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            const issued = await unwrap(
              api.POST('/api/v1/admin/providers/{name}/credentials/{prefix}/rotate', {
                params: { path: { name, prefix: confirm.credential.prefix ?? '' } },
                body: { grace_seconds: Number(grace) },
              }),
            );
            setConfirm(null);
            setSecret({ label: issued.label ?? '', token: issued.token ?? '' });
            credentials.reload();
          }}
        >
          <p>A new token replaces this one; the old one keeps working during the grace period.</p>
          <Field label="Grace period (seconds)" name="grace" hint="At most 2592000 (30 days).">
            <input inputMode="numeric" value={grace} onChange={(e) => setGrace(e.target.value)} />
          </Field>
        </ConfirmDialog>
      )}
    </>
  );
}

function IssueCredentialForm({
  provider,
  onCancel,
  onIssued,
}: {
  provider: string;
  onCancel: () => void;
  onIssued: (issued: Schemas['IssuedProviderCredential']) => void;
}) {
  const api = useApi();
  const [label, setLabel] = useState('');
  const [keyExport, setKeyExport] = useState(false);
  const { busy, errors, failure, run } = useSubmit();

  return (
    <form
      className="card form"
      noValidate
      aria-label="New credential"
      onSubmit={(event) => {
        event.preventDefault();
        void run(
          async () =>
            onIssued(
              await unwrap(
                api.POST('/api/v1/admin/providers/{name}/credentials', { params: { path: { name: provider } }, body: { label: label.trim(), key_export: keyExport } }),
              ),
            ),
          { validate: (): Record<string, string> => (!label.trim() || label.length > 200 ? { label: '1 to 200 characters.' } : {}) },
        );
      }}
    >
      <Field label="Label" name="credential-label" error={errors.label} hint="What the credential is for, e.g. “packaging backend”.">
        <input value={label} onChange={(e) => setLabel(e.target.value)} autoFocus />
      </Field>
      <Checkbox label="May export content keys in clear (for a packager)" checked={keyExport} onChange={setKeyExport} name="key-export" />
      {failure !== null && <ErrorNotice error={failure} title="Not issued" focus />}
      <div className="form-actions">
        <button type="submit" className="button--primary" disabled={busy} data-testid="issue-credential">
          Issue
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
