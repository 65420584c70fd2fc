// Pure formatting for every page (the public status page too): no React, no fetch.
import { errorMessage } from '../api/client';
import type { DatabaseInfo } from '../api/status';

const pad = (n: number) => String(n).padStart(2, '0');

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An ISO instant as people read it, "1 Mar 2026, 14:05:09 UTC" (in UTC, so that every operator
 * reads the same time, and with the month in words, so that no one wonders which is the day);
 * "—" when absent.
 */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (
    `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`
  );
}

/** A bucket start as "14:00" for charts of a day, or "03-01" for longer ranges. */
export function formatBucket(iso: string, bucketSeconds: number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (bucketSeconds >= 86400) return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

const UNITS: [number, string][] = [
  [86400, 'd'],
  [3600, 'h'],
  [60, 'min'],
  [1, 's'],
];

/**
 * A policy duration in seconds for people: 0 is "unlimited" (the license template's rule),
 * 172800 is "2 d", 5400 is "1 h 30 min". At most the two largest units are shown.
 */
export function formatDuration(seconds: number | null | undefined, zero = 'unlimited'): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds === 0) return zero;
  if (seconds < 0) return `${seconds} s`;
  const parts: string[] = [];
  let rest = seconds;
  for (const [size, unit] of UNITS) {
    if (rest >= size && parts.length < 2) {
      const count = Math.floor(rest / size);
      parts.push(`${count} ${unit}`);
      rest -= count * size;
    } else if (parts.length > 0) {
      // Only adjacent units: "1 d 5 s" would mislead more than "1 d".
      break;
    }
  }
  return parts.join(' ');
}

/** A count with thousands separators, "1,234,567". */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString('en-US');
}

/** A long identifier shortened for tables: "AbCdEf…XyZ" (the full value goes in a title). */
export function shorten(value: string | null | undefined, keep = 10): string {
  if (!value) return '—';
  return value.length <= keep * 2 + 1 ? value : `${value.slice(0, keep)}…${value.slice(-4)}`;
}

/** "DRM_DEVICE_CERTIFICATE_REVOKED" → "Drm device certificate revoked"; "OK" stays "OK". */
export function humanize(code: string): string {
  if (code.length <= 2) return code;
  const text = code.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A job's progress in percent (0–100), or null when its total is not known yet. */
export function jobProgress(job: { total?: number; done?: number; failed?: number; status?: string }): number | null {
  if (job.status === 'SUCCEEDED') return 100;
  if (!job.total) return job.status === 'RUNNING' || job.status === 'QUEUED' ? null : 100;
  const handled = (job.done ?? 0) + (job.failed ?? 0);
  return Math.max(0, Math.min(100, Math.round((handled / job.total) * 100)));
}

/**
 * A `datetime-local` value read as UTC ("2026-03-01T14:05" → "2026-03-01T14:05:00Z"), as the
 * API's `from`/`to` filters take it; null when it is not one. The console shows times in UTC.
 */
export function utcInputToInstant(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(value.trim());
  if (!match) return null;
  const iso = `${match[1]}T${match[2]}${match[3] ?? ':00'}Z`;
  return Number.isNaN(new Date(iso).getTime()) ? null : iso;
}

/** "EMBEDDED" → "Embedded", "EXTERNAL" → "External"; any other mode is capitalised the same way. */
export function formatMode(mode: string): string {
  const words = mode.trim().toLowerCase().split(/[_\s]+/).filter(Boolean);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One line for the database in use, e.g. "Embedded PostgreSQL 17.6". */
export function describeDatabase(db: DatabaseInfo): string {
  return [formatMode(db.mode), db.product.trim(), db.product_version.trim()].filter(Boolean).join(' ');
}

export type HealthTone = 'ok' | 'bad';

/** Green for UP (Actuator's spelling, any case), red for everything else: DOWN, OUT_OF_SERVICE, UNKNOWN… */
export function healthTone(status: string): HealthTone {
  return status.trim().toUpperCase() === 'UP' ? 'ok' : 'bad';
}

/** The status shown when the health endpoint gave no status at all. */
export const UNKNOWN_HEALTH = 'UNKNOWN';

/** The line under "API unreachable" in the error state: the call's own sentence. */
export function describeFailure(error: unknown): string {
  return error instanceof Error && error.message ? errorMessage(error) : 'Unknown error.';
}
