import { useEffect, useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { unwrap, type Schemas } from '../api/client';
import { useApi } from '../api/context';
import { Can } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { Facts, StatusPill } from '../components/Facts';
import { JobProgress, isJobActive } from '../components/JobProgress';
import { PageHeader } from '../components/PageHeader';
import { ErrorNotice, Loading } from '../components/States';
import { formatCount, formatInstant, shorten } from '../lib/format';
import { apiQuery } from '../lib/listParams';
import { jobScopeLink } from '../lib/links';
import { useLinkTo, useProvider } from '../lib/provider';
import { useLoad } from '../lib/useLoad';
import { JOB_CSV } from '../lib/csvColumns';

type Job = Schemas['Job'];

/** How often a running job is read again. */
export const JOB_REFRESH_MS = 1500;

export function JobsPage() {
  return (
    <Routes>
      <Route index element={<JobList />} />
      <Route path=":jobId" element={<JobDetail />} />
    </Routes>
  );
}

function JobList() {
  const api = useApi();
  const linkTo = useLinkTo();
  // The jobs of the provider acted for; every provider's when none is chosen.
  const provider = useProvider();
  return (
    <>
      <PageHeader title="Jobs" subtitle={provider ? `Pre-generation of ${provider}'s licenses` : 'Pre-generation of licenses and bundle exports, for every provider'}>
        <Can capability="write">
          <ExportButton />
        </Can>
      </PageHeader>
      <DataTable<Job>
        label="Jobs"
        testId="jobs"
        csv={{ name: provider ? `jobs-${provider}` : 'jobs', columns: JOB_CSV }}
        filters={[
          { name: 'status', label: 'Status', type: 'select', options: ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'].map((s) => ({ value: s, label: s })) },
          { name: 'kind', label: 'Kind', type: 'select', options: ['PREGENERATION', 'BUNDLE_EXPORT'].map((s) => ({ value: s, label: s })) },
        ]}
        deps={[provider]}
        load={(query, signal) => {
          const { sort: _unsorted, ...rest } = apiQuery(query);
          return unwrap(api.GET('/api/v1/jobs', { params: { query: provider ? { ...rest, provider } : rest }, signal }));
        }}
        autoRefresh={(jobs) => jobs.some(isJobActive)}
        intervalMs={JOB_REFRESH_MS}
        rowKey={(j) => j.id ?? ''}
        empty="No jobs."
        columns={[
          { key: 'id', header: 'Job', render: (j) => <Link to={linkTo(`/jobs/${j.id}`)} className="mono" title={j.id}>{shorten(j.id, 8)}</Link> },
          { key: 'kind', header: 'Kind', render: (j) => j.kind },
          { key: 'scope', header: 'Works on', render: (j) => <JobScope job={j} provider={provider} short /> },
          { key: 'status', header: 'Status', render: (j) => <StatusPill status={j.status} /> },
          { key: 'progress', header: 'Progress', render: (j) => <JobProgress job={j} /> },
          { key: 'created_at', header: 'Created', render: (j) => formatInstant(j.created_at) },
        ]}
      />
    </>
  );
}

/** Starts an export of every out-of-band bundle into the server's export folder, after a dry run. */
function ExportButton() {
  const api = useApi();
  const navigate = useNavigate();
  const linkTo = useLinkTo();
  const [preview, setPreview] = useState<Schemas['BundleExport'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  return (
    <>
      <button
        type="button"
        className="button--primary"
        disabled={busy}
        data-testid="start-export"
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            setPreview(await unwrap(api.POST('/api/v1/admin/bundle-exports', { params: { query: { dry_run: true } } })));
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        Export bundles…
      </button>
      {error !== null && <ErrorNotice error={error} title="No export" />}
      {preview && (
        <ConfirmDialog
          title="Export out-of-band bundles?"
          confirmLabel="Start export"
          danger={false}
          onCancel={() => setPreview(null)}
          onConfirm={async () => {
            const started = await unwrap(api.POST('/api/v1/admin/bundle-exports', { params: { query: { dry_run: false } } }));
            setPreview(null);
            navigate(linkTo(`/jobs/${started.job_id}`));
          }}
        >
          <p>
            Into the server's export folder (<code>voucher.export.directory</code>): {formatCount(preview.written)} file(s) to write, {formatCount(preview.unchanged)} up to
            date, {formatCount(preview.deleted)} to delete.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** What a job works on, linked to the record's page when it has one. */
function JobScope({ job, provider, short = false }: { job: Job; provider: string | null; short?: boolean }) {
  const { label, path } = jobScopeLink(job.subject ?? job.scope, provider);
  const text = short ? shorten(label, 24) : label;
  return path ? (
    <Link to={path} title={label} data-testid="job-scope-link">
      {text}
    </Link>
  ) : (
    <span className="mono" title={label}>
      {text}
    </span>
  );
}

function JobDetail() {
  const { jobId = '' } = useParams();
  const provider = useProvider();
  const api = useApi();
  const linkTo = useLinkTo();
  const { state, data, reload } = useLoad((signal) => unwrap(api.GET('/api/v1/jobs/{jobId}', { params: { path: { jobId } }, signal })), [jobId]);

  // Follow a running job until it ends.
  const active = data ? isJobActive(data) : false;
  useEffect(() => {
    if (!active || state.kind !== 'loaded') return;
    const timer = setTimeout(reload, JOB_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [active, state, reload]);

  return (
    <>
      <PageHeader title="Job" subtitle={jobId}>
        <Link to={linkTo('/jobs')}>All jobs</Link>
      </PageHeader>
      {state.kind === 'loading' && !data && <Loading />}
      {state.kind === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {data && (
        <>
          <div className="card job-summary">
            <StatusPill status={data.status} testId="job-status" />
            <JobProgress job={data} />
            {active && (
              <small className="field__hint" role="status">
                Following the job…
              </small>
            )}
          </div>
          <Facts
            rows={[
              ['Kind', data.kind],
              ['Works on', <JobScope job={data} provider={provider} />],
              ['Total', formatCount(data.total)],
              ['Done', formatCount(data.done)],
              ['Failed', formatCount(data.failed)],
              ['Attempts', data.attempts],
              ['Message', <span data-testid="job-message">{data.message ?? '—'}</span>],
              ['Created', formatInstant(data.created_at)],
              ['Started', formatInstant(data.started_at)],
              ['Finished', formatInstant(data.finished_at)],
            ]}
          />
        </>
      )}
    </>
  );
}
