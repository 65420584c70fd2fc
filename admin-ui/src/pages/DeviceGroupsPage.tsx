import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { unwrap, type Schemas } from '../api/client';
import { useApi } from '../api/context';
import { Can, useSession } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { Facts, StatusPill } from '../components/Facts';
import { Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { SecretOnce } from '../components/SecretOnce';
import { Done, Empty, ErrorNotice, Loading } from '../components/States';
import { formatCount, formatDuration, formatInstant, shorten } from '../lib/format';
import { apiQuery } from '../lib/listParams';
import { fingerprintPath } from '../lib/links';
import { RequireProvider, useLinkTo } from '../lib/provider';
import { useLoad } from '../lib/useLoad';
import { useSubmit } from '../lib/useSubmit';
import { parseWhole } from '../lib/validation';

type DeviceGroup = Schemas['DeviceGroup'];
type Member = Schemas['DeviceGroupMember'];

/** The longest a join token may live: 7 days. */
export const MAX_JOIN_TOKEN_SECONDS = 7 * 24 * 3600;

/** A new group, checked as the server checks it. */
export function validateGroup(form: { name: string; max_members: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.name.trim() || form.name.length > 200) errors.name = 'must be 1-200 characters';
  if (parseWhole(form.max_members, 1, 1000) === null) errors.max_members = 'must be between 1 and 1000';
  return errors;
}

export function DeviceGroupsPage() {
  return (
    <RequireProvider title="Device groups">
      {(provider) => (
        <Routes>
          <Route index element={<GroupList provider={provider} />} />
          <Route path=":groupId" element={<GroupDetail provider={provider} />} />
        </Routes>
      )}
    </RequireProvider>
  );
}

function GroupList({ provider }: { provider: string }) {
  const api = useApi();
  const linkTo = useLinkTo();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title="Device groups" subtitle={`Households of ${provider}: one license serves every member`}>
        <Can capability="write">
          <button type="button" className="button--primary" onClick={() => setCreating(true)} data-testid="new-group">
            New group
          </button>
        </Can>
      </PageHeader>
      {creating && (
        <CreateGroupForm
          provider={provider}
          onCancel={() => setCreating(false)}
          onCreated={(group) => navigate(linkTo(`/groups/${encodeURIComponent(group.group_id ?? '')}`))}
        />
      )}
      <DataTable<DeviceGroup>
        label="Device groups"
        testId="groups"
        filters={[{ name: 'q', label: 'Search', placeholder: 'Part of the name, or the start of the group id' }]}
        deps={[provider]}
        load={(query, signal) => {
          const { sort: _unsorted, ...rest } = apiQuery(query);
          return unwrap(api.GET('/api/v1/device-groups', { params: { query: { ...rest, provider } }, signal }));
        }}
        rowKey={(g) => g.group_id ?? ''}
        empty="No device groups yet."
        columns={[
          {
            key: 'name',
            header: 'Name',
            render: (g) => <Link to={linkTo(`/groups/${encodeURIComponent(g.group_id ?? '')}`)}>{g.name}</Link>,
          },
          { key: 'group_id', header: 'Group id', render: (g) => <span className="mono">{g.group_id}</span> },
          { key: 'members', header: 'Members', className: 'num', render: (g) => `${formatCount(g.active_members)} / ${formatCount(g.max_members)}` },
          { key: 'generation', header: 'Key generation', className: 'num', render: (g) => g.generation },
          { key: 'created_at', header: 'Created', render: (g) => formatInstant(g.created_at) },
        ]}
      />
    </>
  );
}

function CreateGroupForm({ provider, onCancel, onCreated }: { provider: string; onCancel: () => void; onCreated: (g: DeviceGroup) => void }) {
  const api = useApi();
  const [form, setForm] = useState({ name: '', max_members: '5' });
  const { busy, errors, failure, run } = useSubmit();
  return (
    <form
      className="card form"
      noValidate
      aria-label="New device group"
      data-testid="group-form"
      onSubmit={(event) => {
        event.preventDefault();
        void run(
          async () =>
            onCreated(
              await unwrap(
                api.POST('/api/v1/device-groups', { params: { query: { provider } }, body: { name: form.name.trim(), max_members: Number(form.max_members) } }),
              ),
            ),
          { validate: () => validateGroup(form) },
        );
      }}
    >
      <h2>New device group</h2>
      <div className="form-grid">
        <Field label="Name" name="group-name" error={errors.name} hint="For people, e.g. “Smith family”.">
          <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} autoFocus />
        </Field>
        <Field label="Most members" name="max_members" error={errors.max_members} hint="1 to 1000.">
          <input inputMode="numeric" value={form.max_members} onChange={(e) => setForm({ ...form, max_members: e.target.value })} />
        </Field>
      </div>
      {failure !== null && <ErrorNotice error={failure} title="Not created" focus />}
      <div className="form-actions">
        <button type="submit" className="button--primary" disabled={busy} data-testid="save-group">
          Create
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function GroupDetail({ provider }: { provider: string }) {
  const { groupId = '' } = useParams();
  const api = useApi();
  const linkTo = useLinkTo();
  const navigate = useNavigate();
  const session = useSession();
  const { state, data, reload } = useLoad(
    (signal) => unwrap(api.GET('/api/v1/device-groups/{groupId}', { params: { path: { groupId }, query: { provider } }, signal })),
    [groupId, provider],
  );
  const [removing, setRemoving] = useState<Member | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [tokenDialog, setTokenDialog] = useState(false);
  const [validity, setValidity] = useState('900');
  const [token, setToken] = useState<Schemas['DeviceGroupJoinToken'] | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const deleted = Boolean(data?.deleted_at);
  const members = data?.members ?? [];
  const validitySeconds = parseWhole(validity, 1, MAX_JOIN_TOKEN_SECONDS);

  return (
    <>
      <PageHeader title={data?.name ?? 'Device group'} subtitle={`Group ${groupId}`}>
        <Link to={linkTo('/groups')}>All groups</Link>
        {data && !deleted && (
          <Can capability="write">
            <button type="button" onClick={() => setTokenDialog(true)} data-testid="new-join-token">
              Join token…
            </button>
            <button type="button" className="button--danger" onClick={() => setDeleting(true)} data-testid="delete-group">
              Delete group
            </button>
          </Can>
        )}
      </PageHeader>
      {done && <Done onDismiss={() => setDone(null)}>{done}</Done>}
      {token?.token && (
        <SecretOnce label={`Join token (until ${formatInstant(token.expires_at)})`} value={token.token} onDismiss={() => setToken(null)} />
      )}
      {state.kind === 'loading' && !data && <Loading />}
      {state.kind === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {data && (
        <>
          <Facts
            testId="group-facts"
            rows={[
              ['State', <StatusPill status={deleted ? 'DELETED' : 'ACTIVE'} testId="group-state" />],
              ['Group id', <span className="mono">{data.group_id}</span>],
              ['Members', <span data-testid="group-members-count">{`${formatCount(data.active_members)} of at most ${formatCount(data.max_members)}`}</span>],
              ['Key generation', <span data-testid="group-generation">{data.generation}</span>],
              ['Created', formatInstant(data.created_at)],
              ['Deleted', formatInstant(data.deleted_at)],
            ]}
          />
          <p className="field__hint">
            The group key rolls to a new generation whenever a member leaves or is removed: licenses issued from then on do not open on the
            departed device.
          </p>
          <section className="section" aria-labelledby="members-title">
            <h2 id="members-title">Members</h2>
            {members.length === 0 ? (
              <Empty>No members. Devices join with a join token, through the device API.</Empty>
            ) : (
              <div className="table-scroll">
                <table className="table--stack" data-testid="members-table">
                  <caption className="visually-hidden">Members</caption>
                  <thead>
                    <tr>
                      <th scope="col">Device fingerprint</th>
                      <th scope="col">Joined</th>
                      {session.can('write') && !deleted && <th scope="col">Actions</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {members.map((m) => (
                      <tr key={m.fingerprint} data-testid="members-row">
                        <td className="mono" data-label="Device fingerprint">
                          <Link to={fingerprintPath(m.fingerprint ?? '', provider)} title={`Registrations of ${m.fingerprint}`} data-testid="member-link">
                            {shorten(m.fingerprint, 12)}
                          </Link>
                        </td>
                        <td data-label="Joined">{formatInstant(m.joined_at)}</td>
                        {session.can('write') && !deleted && (
                          <td className="actions" data-label="Actions">
                            <button type="button" className="button--small button--danger" onClick={() => setRemoving(m)} data-testid="remove-member">
                              Remove
                            </button>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <p>
            <Link to={linkTo('/entitlements', { group_id: data.group_id ?? '' })}>Entitlements of this group</Link>
          </p>
        </>
      )}
      {removing && (
        <ConfirmDialog
          title="Remove this member?"
          confirmLabel="Remove member"
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            await unwrap(
              api.DELETE('/api/v1/device-groups/{groupId}/members/{fingerprint}', {
                params: { path: { groupId, fingerprint: removing.fingerprint ?? '' }, query: { provider } },
              }),
            );
            setRemoving(null);
            setDone('Member removed; the group key rolled to a new generation.');
            reload();
          }}
        >
          <p>
            Device <span className="mono">{shorten(removing.fingerprint, 10)}</span> leaves the group and the group key rolls: licenses issued from
            now on do not open on it.
          </p>
        </ConfirmDialog>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete group ${data?.name ?? groupId}?`}
          confirmLabel="Delete group"
          onCancel={() => setDeleting(false)}
          onConfirm={async () => {
            await unwrap(api.DELETE('/api/v1/device-groups/{groupId}', { params: { path: { groupId }, query: { provider } } }));
            setDeleting(false);
            navigate(linkTo('/groups'));
          }}
        >
          <p>Every member is let go, and the group's entitlements and licenses are withdrawn. This cannot be undone.</p>
        </ConfirmDialog>
      )}
      {tokenDialog && (
        <ConfirmDialog
          title="Create a join token?"
          confirmLabel="Create token"
          danger={false}
          confirmDisabled={validitySeconds === null}
          onCancel={() => setTokenDialog(false)}
          onConfirm={async () => {
            const issued = await unwrap(
              api.POST('/api/v1/device-groups/{groupId}/join-tokens', {
                params: { path: { groupId }, query: { provider } },
                body: { validity_seconds: validitySeconds ?? 900 },
              }),
            );
            setTokenDialog(false);
            setToken(issued);
          }}
        >
          <p>A single-use token the app hands to one device so that it joins this group. It is shown once.</p>
          <Field
            label="Valid for (seconds)"
            name="validity_seconds"
            hint={validitySeconds ? `${formatDuration(validitySeconds)}; at most 7 days.` : 'At most 604800 (7 days).'}
            error={validitySeconds === null ? 'must be 1 to 604800' : undefined}
          >
            <input inputMode="numeric" value={validity} onChange={(e) => setValidity(e.target.value)} />
          </Field>
        </ConfirmDialog>
      )}
    </>
  );
}
