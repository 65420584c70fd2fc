import type { Schemas } from '../api/client';
import { formatCount, jobProgress } from '../lib/format';

type Job = Schemas['Job'];

/** A job's progress bar with its counts; indeterminate while the total is not known. */
export function JobProgress({ job }: { job: Job }) {
  const percent = jobProgress(job);
  const label = `${formatCount(job.done ?? 0)}${job.total ? ` of ${formatCount(job.total)}` : ''} done${job.failed ? `, ${formatCount(job.failed)} failed` : ''}`;
  return (
    <div className="progress" data-testid="job-progress" data-percent={percent ?? ''}>
      {percent === null ? <progress aria-label={label} /> : <progress max={100} value={percent} aria-label={label} />}
      <span>
        {percent === null ? '…' : `${percent} %`} <small className="field__hint">{label}</small>
      </span>
    </div>
  );
}

export function isJobActive(job: Job): boolean {
  return job.status === 'QUEUED' || job.status === 'RUNNING';
}
