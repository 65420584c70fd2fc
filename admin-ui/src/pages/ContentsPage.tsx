import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { unwrap, type Schemas } from '../api/client';
import { useApi } from '../api/context';
import { Can } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { Checkbox, Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { RequireCapability } from '../components/RequireCapability';
import { Done, ErrorNotice, Loading } from '../components/States';
import { parse16Bytes } from '../lib/bytes';
import { formatInstant } from '../lib/format';
import { apiQuery } from '../lib/listParams';
import { RequireProvider, useLinkTo } from '../lib/provider';
import { useFlash } from '../lib/flash';
import { useLoad } from '../lib/useLoad';
import { useUnsavedChanges } from '../lib/useUnsavedChanges';
import { useSubmit } from '../lib/useSubmit';
import { TRACK_TYPES } from './policyForm';
import { CONTENT_CSV } from '../lib/csvColumns';

type Content = Schemas['Content'];
type KeySpec = Schemas['ContentKeySpec'];
type TrackType = (typeof TRACK_TYPES)[number];

const CONTENT_ID = /^[A-Za-z0-9._:~+=@-]{1,200}$/;

/** One track's row in the key form: whether to (re)key it, and optional injected key id and key. */
export interface TrackKeyForm {
  track_type: TrackType;
  selected: boolean;
  key_id: string;
  key: string;
}

export function emptyTrackKeys(selected: TrackType[] = ['SD', 'HD']): TrackKeyForm[] {
  return TRACK_TYPES.map((track_type) => ({ track_type, selected: selected.includes(track_type), key_id: '', key: '' }));
}

/** Checks the key rows; returns messages by `keys.<TRACK>.key_id|key` and the specs to send. */
export function validateTrackKeys(rows: TrackKeyForm[]): { errors: Record<string, string>; specs: KeySpec[] } {
  const errors: Record<string, string> = {};
  const specs: KeySpec[] = [];
  for (const row of rows.filter((r) => r.selected)) {
    const spec: KeySpec = { track_type: row.track_type };
    if (row.key_id.trim()) {
      const keyId = parse16Bytes(row.key_id);
      if (keyId) spec.key_id = keyId;
      else errors[`keys.${row.track_type}.key_id`] = '16 bytes: 32 hex digits or base64.';
    }
    if (row.key.trim()) {
      const key = parse16Bytes(row.key);
      if (key) spec.key = key;
      else errors[`keys.${row.track_type}.key`] = '16 bytes: 32 hex digits or base64.';
    }
    specs.push(spec);
  }
  if (specs.length === 0) errors.keys = 'Choose at least one track.';
  return { errors, specs };
}

export function validateContent(form: { content_id: string; name: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!CONTENT_ID.test(form.content_id)) errors.content_id = "1-200 characters of letters, digits and . _ : ~ + = @ -";
  if (form.name.length > 200) errors.name = 'At most 200 characters.';
  return errors;
}

export function ContentsPage() {
  return (
    <RequireProvider title="Content and keys">
      {(provider) => (
        <Routes>
          <Route index element={<ContentList provider={provider} />} />
          <Route path="new" element={<RequireCapability capability="write" title="New content" back={{ to: `/contents?provider=${encodeURIComponent(provider)}`, label: 'All content' }}><NewContent provider={provider} /></RequireCapability>} />
          <Route path=":contentId" element={<ContentDetail provider={provider} />} />
        </Routes>
      )}
    </RequireProvider>
  );
}

function ContentList({ provider }: { provider: string }) {
  const api = useApi();
  const linkTo = useLinkTo();
  return (
    <>
      <PageHeader title="Content" subtitle={`Content and keys of ${provider}`}>
        <Can capability="write">
          <Link className="button button--primary" to={linkTo('/contents/new')} data-testid="new-content">
            New content
          </Link>
        </Can>
      </PageHeader>
      <DataTable<Content>
        label="Content"
        testId="contents"
        csv={{ name: `contents-${provider}`, columns: CONTENT_CSV }}
        filters={[{ name: 'q', label: 'Search', placeholder: 'Part of the content id or name' }]}
        deps={[provider]}
        load={(query, signal) => unwrap(api.GET('/api/v1/contents', { params: { query: { ...apiQuery(query), provider } }, signal }))}
        rowKey={(c) => c.content_id ?? ''}
        empty="No content yet."
        columns={[
          {
            key: 'content_id',
            header: 'Content id',
            sortable: true,
            render: (c) => <Link to={linkTo(`/contents/${encodeURIComponent(c.content_id ?? '')}`)}>{c.content_id}</Link>,
          },
          { key: 'name', header: 'Name', render: (c) => c.name ?? '—' },
          {
            key: 'keys',
            header: 'Active keys',
            render: (c) =>
              (c.keys ?? [])
                .filter((k) => k.active)
                .map((k) => k.track_type)
                .join(', ') || '—',
          },
          { key: 'created_at', header: 'Created', sortable: true, render: (c) => formatInstant(c.created_at) },
        ]}
      />
    </>
  );
}

function TrackKeyRows({ rows, onChange, errors }: { rows: TrackKeyForm[]; onChange: (rows: TrackKeyForm[]) => void; errors: Record<string, string> }) {
  const set = (i: number, change: Partial<TrackKeyForm>) => onChange(rows.map((r, j) => (i === j ? { ...r, ...change } : r)));
  return (
    <fieldset>
      <legend>Keys per track</legend>
      <p className="field__hint">
        A key is generated for each chosen track, unless you inject one. Injected key bytes are sent once and never shown again.
      </p>
      {rows.map((row, i) => (
        <div className="form-grid track-key" key={row.track_type}>
          <Checkbox label={row.track_type} name={`track-${row.track_type}`} checked={row.selected} onChange={(selected) => set(i, { selected })} />
          {row.selected && (
            <>
              <Field label={`${row.track_type} key id (optional)`} name={`keys.${row.track_type}.key_id`} error={errors[`keys.${row.track_type}.key_id`]}>
                <input value={row.key_id} onChange={(e) => set(i, { key_id: e.target.value })} placeholder="generated" spellCheck={false} />
              </Field>
              <Field label={`${row.track_type} key to inject (optional)`} name={`keys.${row.track_type}.key`} error={errors[`keys.${row.track_type}.key`]}>
                <input type="password" autoComplete="off" value={row.key} onChange={(e) => set(i, { key: e.target.value })} placeholder="generated" />
              </Field>
            </>
          )}
        </div>
      ))}
      {errors.keys && <p className="field__error">{errors.keys}</p>}
    </fieldset>
  );
}

function NewContent({ provider }: { provider: string }) {
  const api = useApi();
  const navigate = useNavigate();
  const linkTo = useLinkTo();
  const [form, setForm] = useState({ content_id: '', name: '' });
  const [rows, setRows] = useState(() => emptyTrackKeys());
  const [initial] = useState(() => JSON.stringify({ form, rows }));
  const { busy, errors, failure, run } = useSubmit();
  const [created, setCreated] = useState(false);
  useUnsavedChanges(!created && JSON.stringify({ form, rows }) !== initial);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const keys = validateTrackKeys(rows);
    await run(
      async () => {
        try {
          const created = await unwrap(
            api.POST('/api/v1/contents', { params: { query: { provider } }, body: { content_id: form.content_id, name: form.name || undefined, keys: keys.specs } }),
          );
          // Injected key bytes leave the page's memory as soon as the server has them.
          setRows(emptyTrackKeys());
          setCreated(true);
          navigate(linkTo(`/contents/${encodeURIComponent(created.content_id ?? form.content_id)}`), { state: { done: 'Content created.' } });
        } catch (e) {
          setRows((current) => current.map((r) => ({ ...r, key: '' })));
          throw e;
        }
      },
      { validate: () => ({ ...validateContent(form), ...keys.errors }) },
    );
  };

  return (
    <>
      <PageHeader title="New content" subtitle={provider}>
        <Link to={linkTo('/contents')}>All content</Link>
      </PageHeader>
      <form className="card form" onSubmit={submit} noValidate aria-label="New content" data-testid="content-form">
        <div className="form-grid">
          <Field label="Content id" name="content_id" error={errors.content_id} hint="The provider's own id, e.g. movie-2026-001.">
            <input value={form.content_id} onChange={(e) => setForm({ ...form, content_id: e.target.value })} autoFocus spellCheck={false} />
          </Field>
          <Field label="Name" name="content-name" error={errors.name}>
            <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </Field>
        </div>
        <TrackKeyRows rows={rows} onChange={setRows} errors={errors} />
        {failure !== null && <ErrorNotice error={failure} title="Not created" focus />}
        <div className="form-actions">
          <button type="submit" className="button--primary" disabled={busy} data-testid="save-content">
            Create content
          </button>
        </div>
      </form>
    </>
  );
}

function ContentDetail({ provider }: { provider: string }) {
  const { contentId = '' } = useParams();
  const api = useApi();
  const linkTo = useLinkTo();
  const { state, data, reload } = useLoad(
    (signal) => unwrap(api.GET('/api/v1/contents/{contentId}', { params: { path: { contentId }, query: { provider } }, signal })),
    [contentId, provider],
  );
  const navigate = useNavigate();
  const [rotating, setRotating] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [rows, setRows] = useState(() => emptyTrackKeys([]));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useFlash<string>('done');

  const rotate = async (event: React.FormEvent) => {
    event.preventDefault();
    const keys = validateTrackKeys(rows);
    setErrors(keys.errors);
    if (Object.keys(keys.errors).length) return;
    setFailure(null);
    try {
      await unwrap(api.POST('/api/v1/contents/{contentId}/keys', { params: { path: { contentId }, query: { provider } }, body: { keys: keys.specs } }));
      setRows(emptyTrackKeys([]));
      setRotating(false);
      setDone(`New keys for ${keys.specs.map((s) => s.track_type).join(', ')}.`);
      reload();
    } catch (e) {
      setRows((current) => current.map((r) => ({ ...r, key: '' })));
      setFailure(e);
    }
  };

  return (
    <>
      <PageHeader title={data?.name || contentId} subtitle={`Content ${contentId}`}>
        <Link to={linkTo('/contents')}>All content</Link>
        {data && (
        <Can capability="write">
          <button
            type="button"
            onClick={() => {
              setRows(emptyTrackKeys((data?.keys ?? []).filter((k) => k.active).map((k) => k.track_type as TrackType)));
              setRotating(true);
            }}
            data-testid="rotate-keys"
          >
            Add or rotate keys
          </button>
          <button type="button" className="button--danger" onClick={() => setDeleting(true)} data-testid="delete-content">
            Delete
          </button>
        </Can>
        )}
      </PageHeader>
      {done && <Done onDismiss={() => setDone(null)}>{done}</Done>}
      {rotating && (
        <form className="card form" onSubmit={rotate} noValidate aria-label="Rotate keys">
          <h2>Add or rotate keys</h2>
          <p>Each chosen track gets a new active key; its previous key is retired (licenses already issued keep working).</p>
          <TrackKeyRows rows={rows} onChange={setRows} errors={errors} />
          {failure !== null && <ErrorNotice error={failure} title="Keys not changed" />}
          <div className="form-actions">
            <button type="submit" className="button--primary" data-testid="save-keys">
              Save keys
            </button>
            <button type="button" onClick={() => setRotating(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {deleting && (
        <DeleteContentDialog
          contentId={contentId}
          provider={provider}
          onCancel={() => setDeleting(false)}
          onDeleted={() => navigate(linkTo('/contents'))}
        />
      )}
      {state.kind === 'loading' && !data && <Loading />}
      {state.kind === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {data && (
        <section className="section" aria-labelledby="keys-title">
          <h2 id="keys-title">Keys</h2>
          <p className="field__hint">Key ids only: key bytes never leave the server through the console.</p>
          <div className="table-scroll">
            <table className="table--stack" data-testid="content-keys">
              <caption className="visually-hidden">Keys</caption>
              <thead>
                <tr>
                  <th scope="col">Track</th>
                  <th scope="col">Key id (hex)</th>
                  <th scope="col">Key id (base64)</th>
                  <th scope="col">Source</th>
                  <th scope="col">State</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {(data.keys ?? []).map((k) => (
                  <tr key={k.key_id}>
                    <td data-label="Track">{k.track_type}</td>
                    <td className="mono" data-label="Key id (hex)">{k.key_id_hex}</td>
                    <td className="mono" data-label="Key id (base64)">{k.key_id}</td>
                    <td data-label="Source">{k.source === 'INJECTED' ? 'injected' : 'generated'}</td>
                    <td data-label="State">
                      {k.active ? <span className="status-pill status-pill--ok">active</span> : `retired ${formatInstant(k.retired_at)}`}
                    </td>
                    <td data-label="Created">{formatInstant(k.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}

/**
 * Confirms a content deletion with what it would withdraw, asked of the server as a dry
 * run when the dialog opens.
 */
function DeleteContentDialog({ contentId, provider, onCancel, onDeleted }: { contentId: string; provider: string; onCancel: () => void; onDeleted: () => void }) {
  const api = useApi();
  const { state, data } = useLoad(
    (signal) => unwrap(api.DELETE('/api/v1/contents/{contentId}', { params: { path: { contentId }, query: { provider, dry_run: true } }, signal })),
    [contentId, provider],
  );
  return (
    <ConfirmDialog
      title={`Delete content ${contentId}?`}
      confirmLabel="Delete"
      confirmDisabled={!data}
      onCancel={onCancel}
      onConfirm={async () => {
        await unwrap(api.DELETE('/api/v1/contents/{contentId}', { params: { path: { contentId }, query: { provider } } }));
        onDeleted();
      }}
    >
      {state.kind === 'loading' && !data && <Loading />}
      {state.kind === 'error' && <ErrorNotice error={state.error} title="Could not tell what would be withdrawn" />}
      {data && (
        <p data-testid="content-deletion-summary">
          {plural(data.entitlements_withdrawn, 'live entitlement')} will be withdrawn ({data.device_entitlements} of devices,{' '}
          {data.group_entitlements} of device groups), with their pre-generated and group licenses, and{' '}
          {plural(data.keys_deleted, 'content key')} deleted. Licenses already on devices keep their keys; no new license can be issued
          for this content.
        </p>
      )}
    </ConfirmDialog>
  );
}

function plural(count: number, noun: string) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
