import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { ApiProblem, unwrap } from '../api/client';
import { useApi } from '../api/context';
import { Can, useSession } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { DurationInput } from '../components/DurationInput';
import { Checkbox, Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { RequireCapability } from '../components/RequireCapability';
import { Done, ErrorNotice, Loading } from '../components/States';
import { useFlash } from '../lib/flash';
import { formatDuration, formatInstant } from '../lib/format';
import { POLICY_FIELD_LABELS, POLICY_FIELD_SHORT_LABELS, fieldProblem, inWords } from '../lib/labels';
import { apiQuery } from '../lib/listParams';
import { RequireProvider, useLinkTo } from '../lib/provider';
import { useLoad } from '../lib/useLoad';
import { useUnsavedChanges } from '../lib/useUnsavedChanges';
import {
  DURATION_FIELDS,
  HDCP_VERSIONS,
  TRACK_TYPES,
  emptyPolicyForm,
  formToRequest,
  parseSeconds,
  policyToForm,
  serverErrorsToForm,
  validatePolicy,
  type DurationField,
  type Policy,
  type PolicyForm,
} from './policyForm';
import { POLICY_CSV } from '../lib/csvColumns';

export function PoliciesPage() {
  return (
    <RequireProvider title="Policies">
      {(provider) => (
        <Routes>
          <Route index element={<PolicyList provider={provider} />} />
          <Route path="new" element={<RequireCapability capability="write" title="New policy" back={{ to: `/policies?provider=${encodeURIComponent(provider)}`, label: 'All policies' }}><NewPolicy provider={provider} /></RequireCapability>} />
          <Route path=":name" element={<PolicyDetail provider={provider} />} />
        </Routes>
      )}
    </RequireProvider>
  );
}

function PolicyList({ provider }: { provider: string }) {
  const api = useApi();
  const linkTo = useLinkTo();
  return (
    <>
      <PageHeader title="Policies" subtitle={`Named playback policies of ${provider}`}>
        <Can capability="write">
          <Link className="button button--primary" to={linkTo('/policies/new')} data-testid="new-policy">
            New policy
          </Link>
        </Can>
      </PageHeader>
      <DataTable<Policy>
        label="Policies"
        testId="policies"
        csv={{ name: `policies-${provider}`, columns: POLICY_CSV }}
        filters={[{ name: 'q', label: 'Search', placeholder: 'Part of the policy name' }]}
        deps={[provider]}
        load={(query, signal) => unwrap(api.GET('/api/v1/policies', { params: { query: { ...apiQuery(query), provider } }, signal }))}
        rowKey={(p) => p.name ?? ''}
        empty="No policies yet."
        columns={[
          { key: 'name', header: 'Name', sortable: true, render: (p) => <Link to={linkTo(`/policies/${encodeURIComponent(p.name ?? '')}`)}>{p.name}</Link> },
          { key: 'can_play', header: POLICY_FIELD_SHORT_LABELS.can_play!, render: (p) => (p.can_play ? 'yes' : 'no') },
          { key: 'can_persist', header: POLICY_FIELD_SHORT_LABELS.can_persist!, render: (p) => (p.can_persist ? 'yes' : 'no') },
          { key: 'can_renew', header: POLICY_FIELD_SHORT_LABELS.can_renew!, render: (p) => (p.can_renew ? 'yes' : 'no') },
          { key: 'license', header: POLICY_FIELD_SHORT_LABELS.license_duration_seconds!, render: (p) => formatDuration(p.license_duration_seconds) },
          { key: 'revision', header: 'Revision', className: 'num', render: (p) => p.revision },
          { key: 'updated_at', header: 'Updated', sortable: true, render: (p) => formatInstant(p.updated_at) },
        ]}
      />
    </>
  );
}

function NewPolicy({ provider }: { provider: string }) {
  const api = useApi();
  const navigate = useNavigate();
  const linkTo = useLinkTo();
  return (
    <>
      <PageHeader title="New policy" subtitle={provider}>
        <Link to={linkTo('/policies')}>All policies</Link>
      </PageHeader>
      <PolicyEditor
        initial={emptyPolicyForm()}
        creating
        submitLabel="Create policy"
        onSubmit={async (body) => {
          const created = await unwrap(api.POST('/api/v1/policies', { params: { query: { provider } }, body }));
          navigate(linkTo(`/policies/${encodeURIComponent(created.name ?? '')}`), { state: { saved: 'Policy created.' } });
        }}
      />
    </>
  );
}

function PolicyDetail({ provider }: { provider: string }) {
  const { name = '' } = useParams();
  const api = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const linkTo = useLinkTo();
  const { state, data, reload } = useLoad(
    (signal) => unwrap(api.GET('/api/v1/policies/{name}', { params: { path: { name }, query: { provider } }, signal })),
    [name, provider],
  );
  const [deleting, setDeleting] = useState(false);
  const [saved, setSaved] = useFlash<string>('saved');

  return (
    <>
      <PageHeader title={`Policy ${name}`} subtitle={data ? `Revision ${data.revision} · updated ${formatInstant(data.updated_at)}` : provider}>
        <Link to={linkTo('/policies')}>All policies</Link>
        {data && (
          <Can capability="write">
            <button type="button" className="button--danger" onClick={() => setDeleting(true)} data-testid="delete-policy">
              Delete
            </button>
          </Can>
        )}
      </PageHeader>
      {saved && (
        <Done onDismiss={() => setSaved(null)}>
          <span data-testid="policy-saved">{saved}</span>
        </Done>
      )}
      {state.kind === 'loading' && !data && <Loading />}
      {state.kind === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {data && (
        <div className="two-columns">
          {session.can('write') ? (
            <PolicyEditor
              key={data.revision}
              initial={policyToForm(data)}
              creating={false}
              submitLabel="Save changes"
              onSubmit={async (body) => {
                await unwrap(api.PUT('/api/v1/policies/{name}', { params: { path: { name }, query: { provider } }, body }));
                setSaved('Policy saved.');
                reload();
              }}
            />
          ) : (
            <PolicySummary policy={data} />
          )}
          <section className="card" aria-labelledby="resolved-title">
            <h2 id="resolved-title">Resolved policy</h2>
            <p className="field__hint">Every template field as licenses under this policy carry it.</p>
            <pre className="json" data-testid="policy-json">
              {JSON.stringify(data, null, 2)}
            </pre>
          </section>
        </div>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete policy ${name}?`}
          confirmLabel="Delete"
          onCancel={() => setDeleting(false)}
          onConfirm={async () => {
            await unwrap(api.DELETE('/api/v1/policies/{name}', { params: { path: { name }, query: { provider } } }));
            navigate(linkTo('/policies'));
          }}
        >
          <p>Entitlements and license messages that name it will be refused. A policy still in use cannot be deleted.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function PolicySummary({ policy }: { policy: Policy }) {
  return (
    <dl className="facts card">
      {(['can_play', 'can_persist', 'can_renew', 'renew_with_usage'] as const).map((field) => (
        <div className="facts__row" key={field}>
          <dt>{LABELS[field]}</dt>
          <dd>{policy[field] ? 'yes' : 'no'}</dd>
        </div>
      ))}
      {DURATION_FIELDS.map((field) => (
        <div className="facts__row" key={field}>
          <dt>{LABELS[field]}</dt>
          <dd>{formatDuration(policy[field], field.startsWith('renewal_delay') || field.startsWith('renewal_retry') ? '0 s' : 'unlimited')}</dd>
        </div>
      ))}
      <div className="facts__row">
        <dt>{LABELS.renewal_server_url}</dt>
        <dd>{policy.renewal_server_url ?? '—'}</dd>
      </div>
    </dl>
  );
}

const LABELS = POLICY_FIELD_LABELS;

const ZERO_MEANS: Record<DurationField, string> = {
  license_duration_seconds: 'unlimited',
  rental_duration_seconds: 'unlimited',
  playback_duration_seconds: 'unlimited',
  renewal_delay_seconds: 'none',
  renewal_retry_interval_seconds: 'none',
  renewal_recovery_duration_seconds: 'unlimited',
};

export function PolicyEditor({
  initial,
  creating,
  submitLabel,
  onSubmit,
}: {
  initial: PolicyForm;
  creating: boolean;
  submitLabel: string;
  onSubmit: (body: ReturnType<typeof formToRequest>) => Promise<void>;
}) {
  const [form, setForm] = useState<PolicyForm>(initial);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const errors = validatePolicy(form, creating);
  const [saved, setSaved] = useState(false);
  useUnsavedChanges(!saved && JSON.stringify(form) !== JSON.stringify(initial));
  const shown = (field: string): string | undefined =>
    (submitted || touched[field] ? errors[field] : undefined) ?? serverErrors[field];
  const touch = (field: string) => () => setTouched((t) => ({ ...t, [field]: true }));
  const update = (change: Partial<PolicyForm>, field?: string) => {
    setForm((f) => ({ ...f, ...change }));
    if (field) setServerErrors(({ [field]: _dropped, ...rest }) => rest);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setFailure(null);
    if (Object.keys(errors).length > 0) {
      // Take the keyboard to the first field in trouble.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      setSaved(true);
      await onSubmit(formToRequest(form));
    } catch (e) {
      setSaved(false);
      if (e instanceof ApiProblem && Object.keys(e.fieldErrors).length > 0) {
        setServerErrors(Object.fromEntries(Object.entries(serverErrorsToForm(e.fieldErrors)).map(([f, m]) => [f, inWords(m)])));
      } else {
        setFailure(e);
      }
    } finally {
      setBusy(false);
    }
  };

  const specs = form.content_key_specs;
  const setSpec = (i: number, change: Partial<PolicyForm['content_key_specs'][number]>) =>
    update({ content_key_specs: specs.map((s, j) => (i === j ? { ...s, ...change } : s)) });
  const unmatchedServer = Object.entries(serverErrors).filter(([field]) => !isFormField(field, specs.length));

  return (
    <form className="card form" onSubmit={submit} noValidate aria-label="Policy" data-testid="policy-form">
      <Field label={LABELS.name} name="name" error={shown('name')} hint="Letters, digits, '.', '_' and '-'; unique per provider.">
        <input value={form.name} onChange={(e) => update({ name: e.target.value }, 'name')} onBlur={touch('name')} readOnly={!creating} />
      </Field>
      <fieldset>
        <legend>Rights</legend>
        <Checkbox label={LABELS.can_play} name="can_play" checked={form.can_play} onChange={(v) => update({ can_play: v }, 'can_play')} />
        <Checkbox label={LABELS.can_persist} name="can_persist" checked={form.can_persist} onChange={(v) => update({ can_persist: v }, 'can_persist')} />
        <Checkbox
          label={LABELS.can_renew}
          name="can_renew"
          checked={form.can_renew}
          onChange={(v) => update({ can_renew: v }, 'can_renew')}
          hint="The renewal fields below apply only to renewable licenses."
        />
      </fieldset>
      <fieldset>
        <legend>Durations</legend>
        <div className="form-grid">
          {DURATION_FIELDS.slice(0, 3).map((field) => (
            <PolicyDuration key={field} field={field} form={form} error={shown(field)} onBlur={touch(field)} update={update} />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Renewal</legend>
        <div className="form-grid">
          <Field label={LABELS.renewal_server_url} name="renewal_server_url" error={shown('renewal_server_url')} hint="Absolute http(s) URL; empty for this server.">
            <input
              type="url"
              value={form.renewal_server_url}
              onChange={(e) => update({ renewal_server_url: e.target.value }, 'renewal_server_url')}
              onBlur={touch('renewal_server_url')}
            />
          </Field>
          {DURATION_FIELDS.slice(3).map((field) => (
            <PolicyDuration key={field} field={field} form={form} error={shown(field)} onBlur={touch(field)} update={update} />
          ))}
        </div>
        <Checkbox
          label={LABELS.renew_with_usage}
          name="renew_with_usage"
          checked={form.renew_with_usage}
          error={shown('renew_with_usage')}
          onChange={(v) => update({ renew_with_usage: v }, 'renew_with_usage')}
        />
      </fieldset>
      <fieldset>
        <legend>Per-track requirements</legend>
        <p className="field__hint">Minimum device security level and output protection per track; tracks not listed require nothing.</p>
        {specs.map((spec, i) => (
          <div className="form-grid track-spec" key={i} data-testid="track-spec">
            <Field label={`Track ${i + 1}`} name={`content_key_specs[${i}].track_type`} error={shown(`content_key_specs[${i}].track_type`)}>
              <select value={spec.track_type} onChange={(e) => setSpec(i, { track_type: e.target.value })}>
                <option value="">Choose…</option>
                {TRACK_TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </Field>
            <Field label={`${LABELS.security_level} (1–5)`} name={`content_key_specs[${i}].security_level`} error={shown(`content_key_specs[${i}].security_level`)}>
              <input inputMode="numeric" value={spec.security_level} onChange={(e) => setSpec(i, { security_level: e.target.value })} />
            </Field>
            <Field label={LABELS.hdcp} name={`content_key_specs[${i}].hdcp`}>
              <select value={spec.hdcp} onChange={(e) => setSpec(i, { hdcp: e.target.value })}>
                {HDCP_VERSIONS.map((h) => (
                  <option key={h}>{h}</option>
                ))}
              </select>
            </Field>
            <div className="field field--end">
              <button type="button" className="button--small" onClick={() => update({ content_key_specs: specs.filter((_, j) => j !== i) })}>
                Remove track {i + 1}
              </button>
            </div>
          </div>
        ))}
        {specs.length < TRACK_TYPES.length && (
          <button
            type="button"
            className="button--small"
            onClick={() => update({ content_key_specs: [...specs, { track_type: '', security_level: '1', hdcp: 'HDCP_NONE' }] })}
            data-testid="add-track-spec"
          >
            Add a track requirement
          </button>
        )}
      </fieldset>
      {unmatchedServer.length > 0 && (
        <ul className="field__error" role="alert">
          {unmatchedServer.map(([field, message]) => (
            <li key={field}>{fieldProblem(field, message)}</li>
          ))}
        </ul>
      )}
      {failure !== null && <ErrorNotice error={failure} title="Not saved" />}
      {submitted && Object.keys(errors).length > 0 && (
        <p className="field__error" role="alert" data-testid="policy-invalid">
          Correct the {Object.keys(errors).length === 1 ? 'field' : `${Object.keys(errors).length} fields`} marked above.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button--primary" disabled={busy} data-testid="save-policy">
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
      <details>
        <summary>Request as JSON</summary>
        <pre className="json" data-testid="policy-request-json">
          {JSON.stringify(formToRequest(form), null, 2)}
        </pre>
      </details>
    </form>
  );
}

function isFormField(field: string, specCount: number): boolean {
  if (field === 'name' || field === 'renewal_server_url' || field === 'renew_with_usage') return true;
  if ((DURATION_FIELDS as readonly string[]).includes(field)) return true;
  const match = /^content_key_specs\[(\d+)\]\.(track_type|security_level)$/.exec(field);
  return match !== null && Number(match[1]) < specCount;
}

function PolicyDuration({
  field,
  form,
  error,
  onBlur,
  update,
}: {
  field: DurationField;
  form: PolicyForm;
  error: string | undefined;
  onBlur: () => void;
  update: (change: Partial<PolicyForm>, field?: string) => void;
}) {
  const value = form.durations[field];
  const seconds = parseSeconds(value);
  return (
    <DurationInput
      label={LABELS[field]}
      name={field}
      seconds={value}
      error={error}
      onBlur={onBlur}
      hint={seconds !== null && seconds >= 0 ? formatDuration(seconds, ZERO_MEANS[field]) : ' '}
      onChange={(next) => update({ durations: { ...form.durations, [field]: next } }, field)}
    />
  );
}
