import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { unwrap } from '../api/client';
import { useApi } from '../api/context';
import { PageHeader } from '../components/PageHeader';
import { StackedBarChart } from '../components/StackedBarChart';
import { ErrorNotice, Loading } from '../components/States';
import { bucketStarts, stack } from '../lib/chart';
import { formatCount, formatDuration, formatInstant } from '../lib/format';
import { useProvider } from '../lib/provider';
import { useLoad } from '../lib/useLoad';

export const PERIODS = [
  { hours: 1, label: 'Last hour' },
  { hours: 24, label: 'Last 24 hours' },
  { hours: 168, label: 'Last 7 days' },
  { hours: 720, label: 'Last 30 days' },
];

/** How often the dashboard reads its numbers again while open. */
const REFRESH_MS = 30_000;

export function DashboardPage() {
  const api = useApi();
  const provider = useProvider();
  const [params, setParams] = useSearchParams();
  const hours = PERIODS.some((p) => String(p.hours) === params.get('hours')) ? Number(params.get('hours')) : 24;
  const { state, data, reload } = useLoad(
    (signal) => unwrap(api.GET('/api/v1/admin/dashboard', { params: { query: { hours, ...(provider ? { provider } : {}) } }, signal })),
    [hours, provider],
  );

  const bucketSeconds = data?.bucket_seconds ?? 3600;
  const buckets = data?.from && data.to ? bucketStarts(data.from, data.to, bucketSeconds) : [];
  const totals: Partial<NonNullable<typeof data>['totals']> = data?.totals ?? {};
  const pregeneration: Partial<NonNullable<typeof data>['pregeneration']> = data?.pregeneration ?? {};

  return (
    <>
      <PageHeader title="Dashboard" subtitle={provider ? `Provider ${provider}` : 'All providers'}>
        <label className="inline-field">
          Period{' '}
          <select
            value={hours}
            data-testid="dashboard-period"
            onChange={(e) => {
              const next = new URLSearchParams(params);
              next.set('hours', e.target.value);
              setParams(next);
            }}
          >
            {PERIODS.map((p) => (
              <option key={p.hours} value={p.hours}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={reload} data-testid="dashboard-refresh">
          Refresh
        </button>
        <AutoRefresh onTick={reload} />
      </PageHeader>
      {state.kind === 'loading' && !data && <Loading what="Loading the dashboard…" />}
      {state.kind === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {data && (
        <>
          <div className="tiles" data-testid="dashboard-totals">
            <Tile label="Licenses issued" value={totals.licenses_issued} testId="total-licenses-issued" />
            <Tile label="Licenses refused" value={totals.licenses_refused} testId="total-licenses-refused" />
            <Tile label="Active registrations" value={totals.active_registrations} testId="total-active-registrations" />
            <Tile label="Devices" value={totals.devices} testId="total-devices" />
            <Tile label="Revoked devices" value={totals.revoked_devices} testId="total-revoked-devices" />
            <Tile label="Device groups" value={totals.device_groups} testId="total-device-groups" />
            <Tile label="Providers" value={totals.providers} testId="total-providers" />
            <Tile label="Pre-generation backlog" value={pregeneration.backlog} testId="pregeneration-backlog" />
          </div>
          <p className="field__hint">
            {formatInstant(data.from)} – {formatInstant(data.to)}; one bar per {formatDuration(bucketSeconds)}.
          </p>
          <div className="charts">
            <StackedBarChart title="License requests by outcome" testId="chart-licenses" series={stack(data.license_requests ?? [], buckets, bucketSeconds)} bucketSeconds={bucketSeconds} />
            <StackedBarChart
              title="Registrations"
              testId="chart-registrations"
              series={stack(data.registrations ?? [], buckets, bucketSeconds)}
              bucketSeconds={bucketSeconds}
              labelFor={() => 'Registrations'}
            />
            <StackedBarChart
              title="Pre-generated licenses"
              testId="chart-pregeneration"
              series={stack(pregeneration.generated ?? [], buckets, bucketSeconds)}
              bucketSeconds={bucketSeconds}
              labelFor={() => 'Generated'}
            />
            <section className="card" aria-labelledby="pregeneration-title">
              <h2 id="pregeneration-title">Pre-generation</h2>
              <dl className="facts">
                <div className="facts__row">
                  <dt>Registrations waiting for licenses</dt>
                  <dd>{formatCount(pregeneration.backlog)}</dd>
                </div>
                <div className="facts__row">
                  <dt>Jobs queued</dt>
                  <dd>{formatCount(pregeneration.jobs_queued)}</dd>
                </div>
                <div className="facts__row">
                  <dt>Jobs running</dt>
                  <dd>{formatCount(pregeneration.jobs_running)}</dd>
                </div>
              </dl>
            </section>
          </div>
        </>
      )}
    </>
  );
}

function Tile({ label, value, testId }: { label: string; value: number | undefined; testId: string }) {
  return (
    <div className="tile">
      <div className="tile__label">{label}</div>
      <div className="tile__value" data-testid={testId}>
        {formatCount(value ?? 0)}
      </div>
    </div>
  );
}


function AutoRefresh({ onTick }: { onTick: () => void }) {
  useEffect(() => {
    const timer = setInterval(onTick, REFRESH_MS);
    return () => clearInterval(timer);
  }, [onTick]);
  return null;
}
