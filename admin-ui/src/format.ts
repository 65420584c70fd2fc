// Pure formatting and classification for the status page: no React, no fetch.
import { ApiError, type DatabaseInfo } from './api';

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

/** The line under "API unreachable" in the error state. */
export function describeFailure(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.malformed) {
      return `Unexpected answer from ${error.path} (HTTP ${error.status}).`;
    }
    if (error.status === null) {
      return `No response from ${error.path}.`;
    }
    return `HTTP ${error.status} from ${error.path}.`;
  }
  return error instanceof Error && error.message ? error.message : 'Unknown error.';
}
