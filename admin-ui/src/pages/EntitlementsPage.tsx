import { useMemo, useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { unwrap, type Schemas } from '../api/client';
import { useApi } from '../api/context';
import { Can, useSession } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable, dangerActionColumn } from '../components/DataTable';
import { Facts, StatusPill } from '../components/Facts';
import { DurationInput } from '../components/DurationInput';
import { Checkbox, Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { RequireCapability } from '../components/RequireCapability';
import { SearchPicker } from '../components/SearchPicker';
import { Done, ErrorNotice, Loading } from '../components/States';
import { formatDuration, formatInstant, shorten } from '../lib/format';
import { apiQuery } from '../lib/listParams';
import { searchContents, searchGroups, searchRegistrations } from '../lib/pickers';
import { RequireProvider, useLinkTo } from '../lib/provider';
import { useFlash } from '../lib/flash';
import { useLoad } from '../lib/useLoad';
import { useUnsavedChanges } from '../lib/useUnsavedChanges';
import { useSubmit } from '../lib/useSubmit';
import {
  FLAG_FIELDS,
  LICENSE_TYPES,
  emptyEntitlementForm,
  entitlementRequest,
  validateEntitlement,
  type EntitlementForm,
  type Tristate,
} from './entitlementForm';
import { DURATION_FIELDS } from './policyForm';
import { POLICY_FIELD_LABELS, fieldLabel } from '../lib/labels';
import { ENTITLEMENT_CSV } from '../lib/csvColumns';

type Entitlement = Schemas['Entitlement'];

export function EntitlementsPage() {
  return (
    <RequireProvider title="Entitlements">
      {(provider) => (
        <Routes>
          <Route index element={<EntitlementList provider={provider} />} />
          <Route path="new" element={<RequireCapability capability="write" title="Grant entitlement" back={{ to: `/entitlements?provider=${encodeURIComponent(provider)}`, label: 'All entitlements' }}><GrantEntitlement provider={provider} /></RequireCapability>} />
          <Route path=":id" element={<EntitlementDetail provider={provider} />} />
        </Routes>
      )}
    </RequireProvider>
  );
}

/** An override's value in words: "yes", "2 h", a URL. */
function overrideValue(field: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number' && field.endsWith('_seconds')) return formatDuration(value);
  return String(value);
}

function isWithdrawn(e: Entitlement): boolean {
  return Boolean(e.withdrawn_at);
}

function EntitlementList({ provider }: { provider: string }) {
  const api = useApi();
  const linkTo = useLinkTo();
  const [params] = useSearchParams();
  const session = useSession();
  const [withdrawing, setWithdrawing] = useState<Entitlement | null>(null);
  const [reload, setReload] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  // A new grant starts from the list's filters: from a registration's link, the device is filled in.
  const prefill = Object.fromEntries(['generated_id', 'group_id', 'content_id'].flatMap((n) => (params.get(n) ? [[n, params.get(n)!]] : [])));

  return (
    <>
      <PageHeader title="Entitlements" subtitle={`What each device or group of ${provider} may play`}>
        <Can capability="write">
          <Link className="button button--primary" to={linkTo('/entitlements/new', prefill)} data-testid="new-entitlement">
            Grant entitlement
          </Link>
        </Can>
      </PageHeader>
      {done && <Done onDismiss={() => setDone(null)}>{done}</Done>}
      <DataTable<Entitlement>
        label="Entitlements"
        testId="entitlements"
        csv={{ name: `entitlements-${provider}`, columns: ENTITLEMENT_CSV }}
        deps={[provider]}
        reloadToken={reload}
        filters={[
          { name: 'generated_id', label: 'Generated ID', placeholder: 'Exact generated ID' },
          { name: 'group_id', label: 'Group', placeholder: 'Exact group id' },
          { name: 'content_id', label: 'Content', placeholder: 'Exact content id' },
          // The API leaves withdrawn ones out unless asked: the default says so, not "Any".
          { name: 'include_withdrawn', label: 'Withdrawn', type: 'select', emptyLabel: 'Hidden', options: [{ value: 'true', label: 'Shown' }] },
        ]}
        load={(query, signal) => {
          const { include_withdrawn, ...rest } = apiQuery(query);
          return unwrap(
            api.GET('/api/v1/entitlements', {
              params: { query: { ...rest, provider, include_withdrawn: include_withdrawn === 'true' } },
              signal,
            }),
          );
        }}
        rowKey={(e) => e.id ?? ''}
        empty="No entitlement matches."
        columns={[
          {
            key: 'id',
            header: 'Entitlement',
            render: (e) => (
              <Link to={linkTo(`/entitlements/${e.id}`)} className="mono" title={e.id}>
                {shorten(e.id, 8)}
              </Link>
            ),
          },
          {
            key: 'generated_id',
            header: 'Device or group',
            sortable: true,
            render: (e) =>
              e.group_id ? (
                <Link to={linkTo(`/groups/${encodeURIComponent(e.group_id)}`)}>group {e.group_id}</Link>
              ) : (
                <Link to={linkTo(`/registrations/${encodeURIComponent(e.generated_id ?? '')}`)} className="mono" title={e.generated_id}>
                  {shorten(e.generated_id, 10)}
                </Link>
              ),
          },
          { key: 'content_id', header: 'Content', sortable: true, render: (e) => e.content_id },
          { key: 'policy_name', header: 'Policy', render: (e) => e.policy_name ?? (e.policy_overrides ? 'overrides only' : '—') },
          { key: 'license_type', header: 'Type', render: (e) => e.license_type },
          { key: 'state', header: 'State', render: (e) => <StatusPill status={isWithdrawn(e) ? 'WITHDRAWN' : 'ACTIVE'} /> },
          { key: 'created_at', header: 'Granted', sortable: true, render: (e) => formatInstant(e.created_at) },
          ...dangerActionColumn<Entitlement>(session.can('write'), 'Withdraw', 'withdraw-entitlement', setWithdrawing, (e) => !isWithdrawn(e)),
        ]}
      />
      {withdrawing && (
        <WithdrawDialog
          provider={provider}
          entitlement={withdrawing}
          onCancel={() => setWithdrawing(null)}
          onWithdrawn={() => {
            setWithdrawing(null);
            setDone(`Entitlement to ${withdrawing.content_id} withdrawn.`);
            setReload((n) => n + 1);
          }}
        />
      )}
    </>
  );
}

function WithdrawDialog({
  provider,
  entitlement,
  onCancel,
  onWithdrawn,
}: {
  provider: string;
  entitlement: Entitlement;
  onCancel: () => void;
  onWithdrawn: () => void;
}) {
  const api = useApi();
  return (
    <ConfirmDialog
      title={`Withdraw the entitlement to ${entitlement.content_id}?`}
      confirmLabel="Withdraw"
      onCancel={onCancel}
      onConfirm={async () => {
        await unwrap(api.DELETE('/api/v1/entitlements/{id}', { params: { path: { id: entitlement.id ?? '' }, query: { provider } } }));
        onWithdrawn();
      }}
    >
      <p>
        {entitlement.group_id ? `Group ${entitlement.group_id}` : `Device ${shorten(entitlement.generated_id, 10)}`} loses it: its pre-generated
        license is withdrawn and no new license is issued for this content.
      </p>
    </ConfirmDialog>
  );
}

function GrantEntitlement({ provider }: { provider: string }) {
  const api = useApi();
  const navigate = useNavigate();
  const linkTo = useLinkTo();
  const [params] = useSearchParams();
  const [form, setForm] = useState<EntitlementForm>(() =>
    emptyEntitlementForm({
      generated_id: params.get('generated_id') ?? undefined,
      group_id: params.get('group_id') ?? undefined,
      content_id: params.get('content_id') ?? undefined,
    }),
  );
  const [tried, setTried] = useState(false);
  const { busy, errors, setErrors, failure, run } = useSubmit();
  const policies = useLoad(
    (signal) => unwrap(api.GET('/api/v1/policies', { params: { query: { provider, page: 0, size: 200, sort: 'name,asc' } }, signal })),
    [provider],
  );
  // Devices, groups and contents are picked from searchable lists, not typed out.
  const search = useMemo(
    () => ({ registrations: searchRegistrations(api, provider), groups: searchGroups(api, provider), contents: searchContents(api, provider) }),
    [api, provider],
  );

  const [initial] = useState(form);
  const [granting, setGranting] = useState(false);
  useUnsavedChanges(!granting && JSON.stringify(form) !== JSON.stringify(initial));

  const change = (next: EntitlementForm) => {
    setForm(next);
    // Once the operator tried to send, mistakes follow the typing.
    if (tried) setErrors(validateEntitlement(next));
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    void run(
      async () => {
        const granted = await unwrap(api.POST('/api/v1/entitlements', { params: { query: { provider } }, body: entitlementRequest(form) }));
        setGranting(true);
        navigate(linkTo(`/entitlements/${granted.id}`), { state: { granted: { jobId: granted.job_id ?? null } } });
      },
      { validate: () => validateEntitlement(form) },
    );
  };

  return (
    <>
      <PageHeader title="Grant entitlement" subtitle={`A device or a device group of ${provider} may play a content`}>
        <Link to={linkTo('/entitlements')}>All entitlements</Link>
      </PageHeader>
      <form className="card form" onSubmit={submit} noValidate aria-label="Grant entitlement" data-testid="entitlement-form">
        <fieldset className="form-grid">
          <legend>Who</legend>
          <Field label="Granted to" name="target">
            <select value={form.target} onChange={(e) => change({ ...form, target: e.target.value as EntitlementForm['target'] })}>
              <option value="device">A device (generated ID)</option>
              <option value="group">A device group</option>
            </select>
          </Field>
          {form.target === 'device' ? (
            <Field label="Device" name="generated_id" error={errors.generated_id} hint="Search the registered devices by generated ID, fingerprint, make or model.">
              <SearchPicker
                value={form.generated_id}
                onChange={(value) => change({ ...form, generated_id: value })}
                search={search.registrations}
                placeholder="Generated ID, make or model…"
              />
            </Field>
          ) : (
            <Field label="Device group" name="group_id" error={errors.group_id} hint="Search the groups by name or group id.">
              <SearchPicker value={form.group_id} onChange={(value) => change({ ...form, group_id: value })} search={search.groups} placeholder="Group name…" />
            </Field>
          )}
        </fieldset>
        <fieldset className="form-grid">
          <legend>What</legend>
          <Field label="Content" name="content_id" error={errors.content_id} hint="Search the content by id or name.">
            <SearchPicker value={form.content_id} onChange={(value) => change({ ...form, content_id: value })} search={search.contents} placeholder="Content id or name…" />
          </Field>
          <Field label="Policy" name="policy_name" error={errors.policy_name} hint={policies.state.kind === 'error' ? 'Policies could not be loaded.' : undefined}>
            <select value={form.policy_name} onChange={(e) => change({ ...form, policy_name: e.target.value })}>
              <option value="">No stored policy (overrides only)</option>
              {(policies.data?.items ?? []).map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name} — {formatDuration(p.license_duration_seconds)}
                </option>
              ))}
            </select>
          </Field>
          <Field label="License type" name="license_type" error={errors.license_type}>
            <select value={form.license_type} onChange={(e) => change({ ...form, license_type: e.target.value as EntitlementForm['license_type'] })}>
              {LICENSE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
        <fieldset>
          <legend>Overrides for this entitlement</legend>
          <p className="field__hint">Blank fields keep the policy's value.</p>
          <div className="form-grid">
            {FLAG_FIELDS.map((flag) => (
              <Field key={flag} label={POLICY_FIELD_LABELS[flag]} name={`policy_overrides.${flag}`} error={errors[`policy_overrides.${flag}`]}>
                <select value={form.flags[flag]} onChange={(e) => change({ ...form, flags: { ...form.flags, [flag]: e.target.value as Tristate } })}>
                  <option value="">As the policy</option>
                  <option value="true">Yes</option>
                  <option value="false">No</option>
                </select>
              </Field>
            ))}
            {DURATION_FIELDS.map((field) => (
              <DurationInput
                key={field}
                label={POLICY_FIELD_LABELS[field]}
                name={`policy_overrides.${field}`}
                error={errors[`policy_overrides.${field}`]}
                seconds={form.durations[field]}
                placeholder="as the policy"
                hint={/^\d+$/.test(form.durations[field]) ? formatDuration(Number(form.durations[field]), '0 (unlimited)') : undefined}
                onChange={(next) => change({ ...form, durations: { ...form.durations, [field]: next } })}
              />
            ))}
            <Field label={POLICY_FIELD_LABELS.renewal_server_url} name="policy_overrides.renewal_server_url" error={errors['policy_overrides.renewal_server_url']}>
              <input value={form.renewal_server_url} placeholder="as the policy" onChange={(e) => change({ ...form, renewal_server_url: e.target.value })} />
            </Field>
          </div>
          <Checkbox
            label="Apply the overrides alone, over the template's defaults (ignore the policy)"
            checked={form.use_policy_overrides_exclusively}
            onChange={(checked) => change({ ...form, use_policy_overrides_exclusively: checked })}
            name="use_policy_overrides_exclusively"
            error={errors.use_policy_overrides_exclusively}
          />
        </fieldset>
        {Object.keys(errors).length > 0 && (
          <p className="field__error" role="alert" data-testid="entitlement-invalid">
            Some fields need attention.
          </p>
        )}
        {failure !== null && <ErrorNotice error={failure} title="Not granted" focus />}
        <div className="form-actions">
          <button type="submit" className="button--primary" disabled={busy} data-testid="grant-entitlement">
            Grant
          </button>
          <Link to={linkTo('/entitlements')}>Cancel</Link>
        </div>
      </form>
    </>
  );
}

function EntitlementDetail({ provider }: { provider: string }) {
  const { id = '' } = useParams();
  const api = useApi();
  const linkTo = useLinkTo();
  const [granted, setGranted] = useFlash<{ jobId: string | null }>('granted');
  const { state, data, reload } = useLoad(
    (signal) => unwrap(api.GET('/api/v1/entitlements/{id}', { params: { path: { id }, query: { provider } }, signal })),
    [id, provider],
  );
  const [withdrawing, setWithdrawing] = useState(false);

  const overrides = data?.policy_overrides ? Object.entries(data.policy_overrides).filter(([, v]) => v !== undefined && v !== null) : [];
  return (
    <>
      <PageHeader title="Entitlement" subtitle={id}>
        <Link to={linkTo('/entitlements')}>All entitlements</Link>
        {data && !isWithdrawn(data) && (
          <Can capability="write">
            <button type="button" className="button--danger" onClick={() => setWithdrawing(true)} data-testid="withdraw-entitlement">
              Withdraw
            </button>
          </Can>
        )}
      </PageHeader>
      {granted && (
        <Done onDismiss={() => setGranted(null)}>
          <span data-testid="entitlement-granted">Entitlement granted.</span>{' '}
          {granted.jobId ? (
            <>
              Its license is being pre-generated:{' '}
              <Link to={linkTo(`/jobs/${granted.jobId}`)} data-testid="entitlement-job">
                follow the job
              </Link>
              .
            </>
          ) : (
            'The license is generated once the device registers.'
          )}
        </Done>
      )}
      {state.kind === 'loading' && !data && <Loading />}
      {state.kind === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {data && (
        <Facts
          testId="entitlement-facts"
          rows={[
            ['State', <StatusPill status={isWithdrawn(data) ? 'WITHDRAWN' : 'ACTIVE'} testId="entitlement-state" />],
            [
              data.group_id ? 'Group' : 'Generated ID',
              data.group_id ? (
                <Link to={linkTo(`/groups/${encodeURIComponent(data.group_id)}`)}>{data.group_id}</Link>
              ) : (
                <Link to={linkTo(`/registrations/${encodeURIComponent(data.generated_id ?? '')}`)} className="mono">
                  {data.generated_id}
                </Link>
              ),
            ],
            ['Content', <Link to={linkTo(`/contents/${encodeURIComponent(data.content_id ?? '')}`)}>{data.content_id}</Link>],
            ['Policy', data.policy_name ? <Link to={linkTo(`/policies/${encodeURIComponent(data.policy_name)}`)}>{data.policy_name}</Link> : '—'],
            ['License type', data.license_type],
            [
              'Overrides',
              overrides.length ? (
                <span data-testid="entitlement-overrides">
                  {overrides.map(([k, v]) => `${fieldLabel(k)}: ${overrideValue(k, v)}`).join(', ')}
                  {data.use_policy_overrides_exclusively ? ' (alone)' : ''}
                </span>
              ) : (
                'none'
              ),
            ],
            ['Granted', formatInstant(data.created_at)],
            ['Withdrawn', formatInstant(data.withdrawn_at)],
          ]}
        />
      )}
      {withdrawing && data && (
        <WithdrawDialog
          provider={provider}
          entitlement={data}
          onCancel={() => setWithdrawing(false)}
          onWithdrawn={() => {
            setWithdrawing(false);
            reload();
          }}
        />
      )}
    </>
  );
}
