import { formatBucket, formatCount, humanize } from '../lib/format';
import { niceMax, type StackedSeries } from '../lib/chart';

const PALETTE = ['#1a7f37', '#cf222e', '#bc4c00', '#8250df', '#0969da', '#9a6700', '#bf3989', '#57606a'];

/** Green for issued licenses; every refusal status keeps one colour wherever it shows. */
export function colorFor(key: string): string {
  if (key === 'OK') return PALETTE[0]!;
  if (key === 'count') return '#0969da';
  let hash = 0;
  for (const c of key) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[1 + (hash % (PALETTE.length - 1))]!;
}

/**
 * A plain-SVG stacked bar chart over time, with a legend of totals; the same numbers are
 * in a table for screen readers.
 */
export function StackedBarChart({
  title,
  series,
  bucketSeconds,
  testId,
  labelFor = humanize,
}: {
  title: string;
  series: StackedSeries;
  bucketSeconds: number;
  testId: string;
  labelFor?: (key: string) => string;
}) {
  const width = 640;
  const height = 200;
  const left = 36;
  const bottom = 22;
  const plotW = width - left - 8;
  const plotH = height - bottom - 8;
  const top = niceMax(series.max);
  const n = Math.max(series.buckets.length, 1);
  const barW = plotW / n;
  const labelEvery = Math.max(1, Math.ceil(n / 8));

  return (
    <figure className="card chart" data-testid={testId}>
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}: ${series.keys.map((k) => `${labelFor(k)} ${series.totals[k]}`).join(', ') || 'none'}`}>
        {(top >= 2 ? [0, 0.5, 1] : [0, 1]).map((f) => (
          <g key={f}>
            <line x1={left} x2={width - 8} y1={8 + plotH * (1 - f)} y2={8 + plotH * (1 - f)} stroke="#d0d7de" />
            <text x={left - 4} y={12 + plotH * (1 - f)} fontSize="10" textAnchor="end" fill="#57606a">
              {formatCount(Math.round(top * f))}
            </text>
          </g>
        ))}
        {series.buckets.map((t, i) => {
          let y = 8 + plotH;
          return (
            <g key={t}>
              {series.keys.map((key) => {
                const v = series.values[key]![i]!;
                if (v === 0) return null;
                const h = (v / top) * plotH;
                y -= h;
                return (
                  <rect key={key} x={left + i * barW + 1} y={y} width={Math.max(barW - 2, 1)} height={h} fill={colorFor(key)}>
                    <title>{`${formatBucket(new Date(t).toISOString(), bucketSeconds)} · ${labelFor(key)}: ${v}`}</title>
                  </rect>
                );
              })}
              {i % labelEvery === 0 && (
                <text x={left + i * barW + barW / 2} y={height - 6} fontSize="10" textAnchor="middle" fill="#57606a">
                  {formatBucket(new Date(t).toISOString(), bucketSeconds)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="legend" data-testid={`${testId}-legend`}>
        {series.keys.length === 0 && <li>Nothing in this period.</li>}
        {series.keys.map((key) => (
          <li key={key} data-key={key} data-total={series.totals[key]}>
            <span className="legend__swatch" style={{ background: colorFor(key) }} aria-hidden="true" />
            {labelFor(key)}: <strong>{formatCount(series.totals[key])}</strong>
          </li>
        ))}
      </ul>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Bucket</th>
            {series.keys.map((key) => (
              <th scope="col" key={key}>
                {labelFor(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {series.buckets.map((t, i) =>
            series.keys.some((key) => series.values[key]![i]! > 0) ? (
              <tr key={t}>
                <th scope="row">{new Date(t).toISOString()}</th>
                {series.keys.map((key) => (
                  <td key={key}>{series.values[key]![i]}</td>
                ))}
              </tr>
            ) : null,
          )}
        </tbody>
      </table>
    </figure>
  );
}
