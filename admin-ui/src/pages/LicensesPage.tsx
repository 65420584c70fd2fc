import { useState } from 'react';
import { Link } from 'react-router';
import { unwrap, type Schemas } from '../api/client';
import { useApi } from '../api/context';
import { DataTable } from '../components/DataTable';
import { Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { formatInstant, shorten } from '../lib/format';
import { apiQuery } from '../lib/listParams';
import { decodeLicense, type DecodedLicense } from '../lib/licenseDecoder';
import { fingerprintPath } from '../lib/links';
import { RequireProvider, useLinkTo } from '../lib/provider';

type IssuedLicense = Schemas['IssuedLicense'];

export function LicensesPage() {
  return (
    <>
      <PageHeader title="Licenses" subtitle="Licenses issued online: their claims, never their keys" />
      <RequireProvider title="Licenses" header={false}>{(provider) => <LicenseList provider={provider} />}</RequireProvider>
      <LicenseDecoder />
    </>
  );
}

function LicenseList({ provider }: { provider: string }) {
  const api = useApi();
  const linkTo = useLinkTo();
  const [open, setOpen] = useState<IssuedLicense | null>(null);
  return (
    <>
      <DataTable<IssuedLicense>
        label="Issued licenses"
        testId="licenses"
        deps={[provider]}
        filters={[
          { name: 'content_id', label: 'Content id' },
          { name: 'device', label: 'Device fingerprint' },
          { name: 'license_id', label: 'License id' },
        ]}
        load={(query, signal) => unwrap(api.GET('/api/v1/licenses', { params: { query: { ...apiQuery(query), provider } }, signal }))}
        rowKey={(l) => l.id ?? ''}
        empty="No license matches."
        columns={[
          { key: 'license_id', header: 'License id', render: (l) => <span className="mono" title={l.license_id}>{shorten(l.license_id, 8)}</span> },
          { key: 'license_counter', header: '#', className: 'num', render: (l) => l.license_counter },
          { key: 'content_id', header: 'Content', render: (l) => <Link to={linkTo(`/contents/${encodeURIComponent(l.content_id ?? '')}`)}>{l.content_id}</Link> },
          {
            key: 'device',
            header: 'Device',
            render: (l) =>
              l.device_fingerprint ? (
                <Link to={fingerprintPath(l.device_fingerprint, provider)} className="mono" title={`Registrations of ${l.device_fingerprint}`}>
                  {shorten(l.device_fingerprint, 6)}
                </Link>
              ) : (
                '—'
              ),
          },
          { key: 'type', header: 'Type', render: (l) => `${l.license_type ?? ''} ${l.request_type ?? ''}` },
          { key: 'policy', header: 'Policy', render: (l) => (l.policy_name ? `${l.policy_name} r${l.policy_revision ?? ''}` : '—') },
          { key: 'issued_at', header: 'Issued', render: (l) => formatInstant(l.issued_at) },
          { key: 'expires_at', header: 'Expires', render: (l) => formatInstant(l.expires_at) },
          {
            key: 'claims',
            header: 'Claims',
            render: (l) => (
              <button type="button" className="button--small" onClick={() => setOpen(open?.id === l.id ? null : l)} aria-expanded={open?.id === l.id}>
                {open?.id === l.id ? 'Hide' : 'Show'}
              </button>
            ),
          },
        ]}
      />
      {open && (
        <section className="card" aria-label="License claims">
          <h2>License {open.license_id}</h2>
          <pre className="json" data-testid="license-claims">
            {JSON.stringify(open, null, 2)}
          </pre>
        </section>
      )}
    </>
  );
}

/** Paste a license (compact JWS) to read its header and claims; key material is hidden, nothing is sent anywhere. */
function LicenseDecoder() {
  const [text, setText] = useState('');
  const [decoded, setDecoded] = useState<DecodedLicense | null>(null);
  const [error, setError] = useState<string | undefined>();
  return (
    <section className="section card form" aria-labelledby="decoder-title">
      <h2 id="decoder-title">Decode a license</h2>
      <p className="field__hint">Decoded in this browser only. Key material (the JWE key block, <code>keys</code>) is replaced by a placeholder.</p>
      <Field label="License (compact JWS)" name="license-text" error={error}>
        <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      </Field>
      <div className="form-actions">
        <button
          type="button"
          className="button--primary"
          data-testid="decode-license"
          onClick={() => {
            try {
              setDecoded(decodeLicense(text));
              setError(undefined);
            } catch (e) {
              setDecoded(null);
              setError(e instanceof Error ? e.message : 'Not a license.');
            }
            // The pasted license leaves the page once read.
            setText('');
          }}
        >
          Decode
        </button>
      </div>
      {decoded && (
        <div className="two-columns">
          <div>
            <h3>Header</h3>
            <pre className="json" data-testid="license-header">
              {JSON.stringify(decoded.header, null, 2)}
            </pre>
          </div>
          <div>
            <h3>Claims</h3>
            <pre className="json" data-testid="license-decoded-claims">
              {JSON.stringify(decoded.claims, null, 2)}
            </pre>
          </div>
        </div>
      )}
    </section>
  );
}
