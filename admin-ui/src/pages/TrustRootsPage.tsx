import { useState } from 'react';
import { unwrap, type Schemas } from '../api/client';
import { useSubmit } from '../lib/useSubmit';
import { useApi } from '../api/context';
import { Can, useSession } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable, dangerActionColumn } from '../components/DataTable';
import { Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { Done, ErrorNotice } from '../components/States';
import { formatInstant, shorten } from '../lib/format';
import { apiQuery } from '../lib/listParams';
import { pemCertificateProblem } from '../lib/validation';

type TrustRoot = Schemas['TrustRoot'];

export function TrustRootsPage() {
  const api = useApi();
  const session = useSession();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<TrustRoot | null>(null);
  const [reload, setReload] = useState(0);
  const [done, setDone] = useState<string | null>(null);

  return (
    <>
      <PageHeader title="Trust roots" subtitle="Manufacturer roots trusted besides the built-in Device CA: devices chaining to one register without individualization">
        <Can capability="manageTrustRoots">
          <button type="button" className="button--primary" onClick={() => setAdding(true)} data-testid="new-trust-root">
            Add root
          </button>
        </Can>
      </PageHeader>
      {done && <Done onDismiss={() => setDone(null)}>{done}</Done>}
      {adding && (
        <AddTrustRootForm
          onCancel={() => setAdding(false)}
          onAdded={(root) => {
            setAdding(false);
            setDone(`Root “${root.label}” added.`);
            setReload((n) => n + 1);
          }}
        />
      )}
      <DataTable<TrustRoot>
        label="Trust roots"
        testId="trust-roots"
        reloadToken={reload}
        load={(query, signal) => {
          const { sort: _unsorted, ...rest } = apiQuery(query);
          return unwrap(api.GET('/api/v1/admin/trust-roots', { params: { query: rest }, signal }));
        }}
        rowKey={(r) => r.fingerprint ?? ''}
        empty="No manufacturer roots added: only the built-in Device CA is trusted."
        columns={[
          { key: 'label', header: 'Label', render: (r) => r.label },
          { key: 'subject', header: 'Subject', render: (r) => <span className="mono">{r.subject}</span> },
          { key: 'fingerprint', header: 'Fingerprint', render: (r) => <span className="mono" title={r.fingerprint}>{shorten(r.fingerprint, 8)}</span> },
          { key: 'not_after', header: 'Valid until', render: (r) => formatInstant(r.not_after) },
          { key: 'added', header: 'Added', render: (r) => `${formatInstant(r.added_at)}${r.added_by ? ` by ${r.added_by}` : ''}` },
          ...dangerActionColumn<TrustRoot>(session.can('manageTrustRoots'), 'Remove', 'remove-trust-root', setRemoving),
        ]}
      />
      {removing && (
        <ConfirmDialog
          title={`Remove the root “${removing.label}”?`}
          confirmLabel="Remove root"
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            await unwrap(api.DELETE('/api/v1/admin/trust-roots/{fingerprint}', { params: { path: { fingerprint: removing.fingerprint ?? '' } } }));
            setRemoving(null);
            setDone(`Root “${removing.label}” removed.`);
            setReload((n) => n + 1);
          }}
        >
          <p>Devices whose certificates chain to it are refused from now on, on every node within half a minute.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function AddTrustRootForm({ onCancel, onAdded }: { onCancel: () => void; onAdded: (root: TrustRoot) => void }) {
  const api = useApi();
  const [form, setForm] = useState({ label: '', certificate_pem: '' });
  const { busy, errors, failure, run } = useSubmit();

  return (
    <form
      className="card form"
      noValidate
      aria-label="Add a trust root"
      data-testid="trust-root-form"
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => onAdded(await unwrap(api.POST('/api/v1/admin/trust-roots', { body: { label: form.label.trim(), certificate_pem: form.certificate_pem.trim() } }))), {
          validate: () => {
            const found: Record<string, string> = {};
            if (!form.label.trim() || form.label.length > 200) found.label = 'must be 1-200 characters';
            const pem = pemCertificateProblem(form.certificate_pem);
            if (pem) found.certificate_pem = pem;
            return found;
          },
        });
      }}
    >
      <h2>Add a trust root</h2>
      <Field label="Label" name="trust-root-label" error={errors.label} hint="For people, e.g. “Acme devices root”.">
        <input value={form.label} onChange={(e) => setForm({ ...form, label: e.target.value })} autoFocus />
      </Field>
      <Field label="Root certificate (PEM)" name="certificate_pem" error={errors.certificate_pem} hint="A CA certificate that may sign certificates and has not expired: -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----">
        <textarea rows={8} className="mono" spellCheck={false} value={form.certificate_pem} onChange={(e) => setForm({ ...form, certificate_pem: e.target.value })} />
      </Field>
      {failure !== null && <ErrorNotice error={failure} title="Not added" focus />}
      <div className="form-actions">
        <button type="submit" className="button--primary" disabled={busy} data-testid="save-trust-root">
          Add root
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
