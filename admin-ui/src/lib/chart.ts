// Turns the dashboard's sparse counts (empty buckets omitted) into dense series for charts.

export interface Counted {
  bucket_start?: string;
  count?: number;
  status?: string;
}

/** Every bucket start from `from` up to `to`, `bucketSeconds` apart, aligned down to a bucket boundary. */
export function bucketStarts(from: string, to: string, bucketSeconds: number): number[] {
  const size = bucketSeconds * 1000;
  const start = Math.floor(Date.parse(from) / size) * size;
  const end = Date.parse(to);
  if (!Number.isFinite(start) || !Number.isFinite(end) || size <= 0) return [];
  const out: number[] = [];
  for (let t = start; t < end && out.length < 10_000; t += size) out.push(t);
  return out;
}

export interface StackedSeries {
  buckets: number[];
  /** Series names, "OK" first, then by descending total. */
  keys: string[];
  /** values[key][i] = count of that key in bucket i. */
  values: Record<string, number[]>;
  totals: Record<string, number>;
  /** The tallest stack. */
  max: number;
}

/** Dense, stacked series by `status` (or one series "count" when entries have none). */
export function stack(entries: Counted[], buckets: number[], bucketSeconds: number): StackedSeries {
  const index = new Map(buckets.map((t, i) => [t, i]));
  const size = bucketSeconds * 1000;
  const values: Record<string, number[]> = {};
  const totals: Record<string, number> = {};
  for (const entry of entries) {
    const key = entry.status ?? 'count';
    const t = Math.floor(Date.parse(entry.bucket_start ?? '') / size) * size;
    const i = index.get(t);
    const count = entry.count ?? 0;
    totals[key] = (totals[key] ?? 0) + count;
    if (i === undefined) continue;
    (values[key] ??= new Array<number>(buckets.length).fill(0))[i]! += count;
  }
  const keys = Object.keys(totals).sort((a, b) => (a === 'OK' ? -1 : b === 'OK' ? 1 : totals[b]! - totals[a]! || a.localeCompare(b)));
  for (const key of keys) values[key] ??= new Array<number>(buckets.length).fill(0);
  let max = 0;
  buckets.forEach((_, i) => {
    max = Math.max(max, keys.reduce((sum, key) => sum + values[key]![i]!, 0));
  });
  return { buckets, keys, values, totals, max };
}

/** A round axis maximum at or above `max`: 1, 2, 5, 10, 20, 50… */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= max) return step * magnitude;
  }
  return 10 * magnitude;
}
