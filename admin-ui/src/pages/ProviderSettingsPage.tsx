import { useEffect, useState } from 'react';
import { ApiProblem, unwrap, type Schemas } from '../api/client';
import { fieldProblem, inWords } from '../lib/labels';
import { useSubmit } from '../lib/useSubmit';
import { useApi } from '../api/context';
import { Can, useSession } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable, dangerActionColumn } from '../components/DataTable';
import { Checkbox, Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { SecretOnce } from '../components/SecretOnce';
import { Done, ErrorNotice, Loading } from '../components/States';
import { formatInstant } from '../lib/format';
import { apiQuery } from '../lib/listParams';
import { RequireProvider } from '../lib/provider';
import { useLoad } from '../lib/useLoad';
import { parseOrigins, tokenKeyRequest, type TokenKeyForm } from '../lib/validation';

type TokenKey = Schemas['EntitlementTokenKey'];
type DeviceBlock = Schemas['DeviceBlock'];

/** How many of the latest blocks the settings page shows. */
const BLOCKS_SHOWN = 50;

/** A root certificate's fingerprint: base64url of its SHA-256, 43 characters. */
const ROOT_FINGERPRINT = /^[A-Za-z0-9_-]{43}$/;

/**
 * A provider's settings for its own backend and players: entitlement-token keys, CORS origins, which devices it admits
 * and the devices it blocked.
 */
export function ProviderSettingsPage() {
  return (
    <RequireProvider title="Provider settings">
      {(provider) => (
        <>
          <PageHeader title="Provider settings" subtitle={`Entitlement-token keys, browser origins and devices of ${provider}`} />
          <TokenKeys provider={provider} />
          <CorsOrigins provider={provider} />
          <DeviceAdmission provider={provider} />
          <DeviceBlocks provider={provider} />
        </>
      )}
    </RequireProvider>
  );
}

function TokenKeys({ provider }: { provider: string }) {
  const api = useApi();
  const session = useSession();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<TokenKey | null>(null);
  const [secret, setSecret] = useState<{ kid: string; secret: string } | null>(null);
  const [reload, setReload] = useState(0);
  const [done, setDone] = useState<string | null>(null);

  return (
    <section className="section" aria-labelledby="token-keys-title">
      <div className="section__header">
        <h2 id="token-keys-title">Entitlement-token keys</h2>
        <Can capability="write">
          <button type="button" onClick={() => setAdding(true)} data-testid="new-token-key">
            Add key
          </button>
        </Can>
      </div>
      <p className="field__hint">The provider's backend signs entitlement tokens with these keys; license requests carrying a token are checked against them.</p>
      {done && <Done onDismiss={() => setDone(null)}>{done}</Done>}
      {secret && <SecretOnce label={`HS256 secret of key “${secret.kid}”`} value={secret.secret} onDismiss={() => setSecret(null)} />}
      {adding && (
        <AddTokenKeyForm
          provider={provider}
          onCancel={() => setAdding(false)}
          onAdded={(key) => {
            setAdding(false);
            if (key.secret) setSecret({ kid: key.kid ?? '', secret: key.secret });
            else setDone(`Key ${key.kid} added.`);
            setReload((n) => n + 1);
          }}
        />
      )}
      <DataTable<TokenKey>
        label="Entitlement-token keys"
        testId="token-keys"
        deps={[provider]}
        reloadToken={reload}
        load={(query, signal) => unwrap(api.GET('/api/v1/entitlement-token-keys', { params: { query: { ...apiQuery(query), provider } }, signal }))}
        rowKey={(k) => k.kid ?? ''}
        empty="No keys: entitlement tokens cannot be checked for this provider."
        columns={[
          { key: 'kid', header: 'Key id', sortable: true, render: (k) => <span className="mono">{k.kid}</span> },
          { key: 'algorithm', header: 'Algorithm', render: (k) => k.algorithm },
          { key: 'created_at', header: 'Added', sortable: true, render: (k) => formatInstant(k.created_at) },
          ...dangerActionColumn<TokenKey>(session.can('write'), 'Delete', 'delete-token-key', setDeleting),
        ]}
      />
      {deleting && (
        <ConfirmDialog
          title={`Delete key ${deleting.kid}?`}
          confirmLabel="Delete key"
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            await unwrap(api.DELETE('/api/v1/entitlement-token-keys/{kid}', { params: { path: { kid: deleting.kid ?? '' }, query: { provider } } }));
            setDeleting(null);
            setDone(`Key ${deleting.kid} deleted.`);
            setReload((n) => n + 1);
          }}
        >
          <p>Tokens naming this key are refused from now on. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function AddTokenKeyForm({ provider, onCancel, onAdded }: { provider: string; onCancel: () => void; onAdded: (key: TokenKey) => void }) {
  const api = useApi();
  const [form, setForm] = useState<TokenKeyForm>({ algorithm: 'HS256', kid: '', public_key: '' });
  const { busy, errors, failure, run } = useSubmit();

  return (
    <form
      className="card form"
      noValidate
      aria-label="Add an entitlement-token key"
      data-testid="token-key-form"
      onSubmit={(event) => {
        event.preventDefault();
        const checked = tokenKeyRequest(form);
        void run(
          async () => {
            if ('request' in checked) onAdded(await unwrap(api.POST('/api/v1/entitlement-token-keys', { params: { query: { provider } }, body: checked.request })));
          },
          {
            validate: () => ('errors' in checked ? checked.errors : {}),
            fieldErrors: (fields) => ({ ...fields, public_key: fields.public_key_pem ?? fields.public_key_jwk ?? fields.public_key ?? '' }),
          },
        );
      }}
    >
      <div className="form-grid">
        <Field label="Algorithm" name="algorithm" error={errors.algorithm}>
          <select value={form.algorithm} onChange={(e) => setForm({ ...form, algorithm: e.target.value as TokenKeyForm['algorithm'] })} autoFocus>
            <option value="HS256">HS256 — the server generates a shared secret</option>
            <option value="ES256">ES256 — the backend keeps its private key</option>
          </select>
        </Field>
        <Field label="Key id (optional)" name="kid" error={errors.kid} hint="A-Z a-z 0-9 . _ -, at most 64; generated when blank.">
          <input value={form.kid} onChange={(e) => setForm({ ...form, kid: e.target.value })} spellCheck={false} />
        </Field>
      </div>
      {form.algorithm === 'ES256' ? (
        <Field label="Public key" name="public_key" error={errors.public_key || undefined} hint="PEM (BEGIN PUBLIC KEY) or a JWK (kty EC, crv P-256, x, y). Never the private key.">
          <textarea rows={6} className="mono" spellCheck={false} value={form.public_key} onChange={(e) => setForm({ ...form, public_key: e.target.value })} />
        </Field>
      ) : (
        <p className="field__hint">The secret is shown once, right after it is created: store it in the backend then.</p>
      )}
      {failure !== null && <ErrorNotice error={failure} title="Not added" focus />}
      <div className="form-actions">
        <button type="submit" className="button--primary" disabled={busy} data-testid="save-token-key">
          Add key
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function CorsOrigins({ provider }: { provider: string }) {
  const api = useApi();
  const session = useSession();
  const { state, data, reload } = useLoad(
    (signal) => unwrap(api.GET('/api/v1/cors-origins', { params: { query: { provider } }, signal })),
    [provider],
  );
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const origins = data?.origins ?? [];
  const originsKey = origins.join('\n');
  useEffect(() => {
    if (!editing) setText(originsKey);
  }, [originsKey, editing]);

  return (
    <section className="section" aria-labelledby="cors-title">
      <div className="section__header">
        <h2 id="cors-title">Browser origins (CORS)</h2>
        {!editing && data && (
          <Can capability="write">
            <button type="button" onClick={() => setEditing(true)} data-testid="edit-cors">
              Edit
            </button>
          </Can>
        )}
      </div>
      <p className="field__hint">Web players on these origins may call the device API from a browser.</p>
      {saved && <Done onDismiss={() => setSaved(false)}>Origins saved.</Done>}
      {state.kind === 'loading' && !data && <Loading />}
      {state.kind === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {data && !editing && (
        <ul className="card" data-testid="cors-origins">
          {origins.length === 0 ? <li>None: browsers may not call the device API for this provider.</li> : origins.map((o) => <li key={o} className="mono">{o}</li>)}
        </ul>
      )}
      {editing && session.can('write') && (
        <form
          className="card form"
          noValidate
          aria-label="Browser origins"
          data-testid="cors-form"
          onSubmit={async (event) => {
            event.preventDefault();
            const parsed = parseOrigins(text);
            setErrors(parsed.errors.map((e) => `Line ${e.line} (${e.text}) ${e.error}.`));
            if (parsed.errors.length) return;
            setBusy(true);
            setError(null);
            try {
              await unwrap(api.PUT('/api/v1/cors-origins', { params: { query: { provider } }, body: { origins: parsed.origins } }));
              setEditing(false);
              setSaved(true);
              reload();
            } catch (e) {
              if (e instanceof ApiProblem && Object.keys(e.fieldErrors).length) setErrors(Object.entries(e.fieldErrors).map(([f, m]) => fieldProblem(f, inWords(m))));
              else setError(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Field
            label="Origins, one a line"
            name="origins"
            error={errors.length ? errors.join(' ') : undefined}
            hint="scheme://host[:port], no path; e.g. https://player.example.com. Saving replaces the whole list."
          >
            <textarea rows={5} className="mono" spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
          </Field>
          {error !== null && <ErrorNotice error={error} title="Not saved" />}
          <div className="form-actions">
            <button type="submit" className="button--primary" disabled={busy} data-testid="save-cors">
              Save origins
            </button>
            <button
              type="button"
              onClick={() => {
                setEditing(false);
                setErrors([]);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function DeviceAdmission({ provider }: { provider: string }) {
  const api = useApi();
  const { state, data, reload } = useLoad(
    (signal) => unwrap(api.GET('/api/v1/device-admission', { params: { query: { provider } }, signal })),
    [provider],
  );
  const [editing, setEditing] = useState(false);
  const [builtIn, setBuiltIn] = useState(true);
  const [allRoots, setAllRoots] = useState(true);
  const [roots, setRoots] = useState('');
  const [level, setLevel] = useState(1);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const listed = roots.split(/\s+/).filter(Boolean);
  const rootsError = !allRoots && listed.some((r) => !ROOT_FINGERPRINT.test(r)) ? 'each root is a 43-character fingerprint, one a line' : undefined;

  return (
    <section className="section" aria-labelledby="admission-title">
      <div className="section__header">
        <h2 id="admission-title">Device admission</h2>
        {!editing && data && (
          <Can capability="manageDeviceAdmission">
            <button
              type="button"
              data-testid="edit-admission"
              onClick={() => {
                setBuiltIn(data.accept_built_in_ca ?? true);
                setAllRoots(data.all_manufacturer_roots ?? true);
                setRoots((data.manufacturer_roots ?? []).join('\n'));
                setLevel(data.min_security_level ?? 1);
                setEditing(true);
              }}
            >
              Edit
            </button>
          </Can>
        )}
      </div>
      <p className="field__hint">
        Which devices get this provider&apos;s licenses, registrations and groups. Anyone can certify a key of their own with the built-in Device CA,
        and a license to such a device is as good as the clear keys: refuse the built-in CA, or require a higher level, to keep keys from it.
      </p>
      {saved && <Done onDismiss={() => setSaved(false)}>Device admission saved.</Done>}
      {state.kind === 'loading' && !data && <Loading />}
      {state.kind === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {data && !editing && (
        <ul className="card" data-testid="device-admission">
          <li>Built-in Device CA: {data.accept_built_in_ca !== false ? 'admitted' : 'refused'}</li>
          <li>
            Manufacturer roots:{' '}
            {data.all_manufacturer_roots !== false
              ? 'every trusted root'
              : data.manufacturer_roots?.length
                ? data.manufacturer_roots.map((r) => (
                    <span key={r} className="mono">
                      {r}{' '}
                    </span>
                  ))
                : 'none'}
          </li>
          <li>Minimum security level: {data.min_security_level}</li>
          {data.updated_at && (
            <li>
              Changed {formatInstant(data.updated_at)} by {data.updated_by}
            </li>
          )}
        </ul>
      )}
      {editing && (
        <form
          className="card form"
          noValidate
          aria-label="Device admission"
          data-testid="admission-form"
          onSubmit={async (event) => {
            event.preventDefault();
            if (rootsError) return;
            setBusy(true);
            setError(null);
            try {
              await unwrap(
                api.PUT('/api/v1/device-admission', {
                  params: { query: { provider } },
                  body: { accept_built_in_ca: builtIn, all_manufacturer_roots: allRoots, manufacturer_roots: allRoots ? [] : listed, min_security_level: level },
                }),
              );
              setEditing(false);
              setSaved(true);
              reload();
            } catch (e) {
              setError(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Checkbox label="Admit devices of the built-in Device CA" name="accept-built-in-ca" checked={builtIn} onChange={setBuiltIn} />
          <Checkbox label="Admit devices of every trusted manufacturer root" name="all-manufacturer-roots" checked={allRoots} onChange={setAllRoots} />
          {!allRoots && (
            <Field label="Manufacturer roots admitted" name="manufacturer-roots" error={rootsError} hint="Root fingerprints as the trust roots page shows them, one a line.">
              <textarea rows={3} className="mono" spellCheck={false} value={roots} onChange={(e) => setRoots(e.target.value)} />
            </Field>
          )}
          <Field label="Minimum security level" name="min-security-level">
            <select value={level} onChange={(e) => setLevel(Number(e.target.value))}>
              {[1, 2, 3, 4, 5].map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </Field>
          {error !== null && <ErrorNotice error={error} title="Not saved" />}
          <div className="form-actions">
            <button type="submit" className="button--primary" disabled={busy || Boolean(rootsError)} data-testid="save-admission">
              Save device admission
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function DeviceBlocks({ provider }: { provider: string }) {
  const api = useApi();
  const { state, data, reload } = useLoad(
    (signal) => unwrap(api.GET('/api/v1/devices/blocks', { params: { query: { page: 0, size: BLOCKS_SHOWN, provider } }, signal })),
    [provider],
  );
  const blocks: DeviceBlock[] = data?.items ?? [];
  return (
    <section className="section" aria-labelledby="blocks-title">
      <div className="section__header">
        <h2 id="blocks-title">Blocked devices</h2>
      </div>
      <p className="field__hint">
        Devices this provider blocked (from a registration&apos;s page), newest first: refused for this provider only, by certificate and key.
      </p>
      {state.kind === 'loading' && !data && <Loading />}
      {state.kind === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {data && (
        <ul className="card" data-testid="device-blocks">
          {blocks.length === 0 ? (
            <li>No device is blocked.</li>
          ) : (
            blocks.map((b) => (
              <li key={b.fingerprint}>
                <span className="mono">{b.fingerprint}</span> · {formatInstant(b.blocked_at)} · {b.blocked_by} · {b.reason}
              </li>
            ))
          )}
        </ul>
      )}
    </section>
  );
}
