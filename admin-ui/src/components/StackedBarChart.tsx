import { useEffect, useId, useRef, useState } from 'react';
import { formatBucket, formatCount, humanize } from '../lib/format';
import { niceMax, type StackedSeries } from '../lib/chart';

/** Colours far enough apart to tell from each other (and from the OK green) on a white card. */
const PALETTE = ['#1a7f37', '#cf222e', '#0969da', '#bc4c00', '#8250df', '#9a6700', '#bf3989', '#57606a'];

/** Hatching drawn over a bar, one kind per series: colour is never the only clue. */
export const PATTERNS = ['solid', 'diagonal', 'dots', 'cross', 'horizontal', 'vertical', 'back-diagonal', 'grid'] as const;
export type PatternKind = (typeof PATTERNS)[number];

/** The text in the chart: axis labels at this size in CSS pixels, whatever the chart's width. */
export const AXIS_FONT_PX = 12;

export interface SeriesLook {
  color: string;
  pattern: PatternKind;
}

/**
 * How each series of one chart looks: OK (an issued license) is always solid green; every
 * other series gets its own colour and its own hatching, in the chart's order.
 */
export function seriesLooks(keys: readonly string[]): Record<string, SeriesLook> {
  const looks: Record<string, SeriesLook> = {};
  let next = 1;
  for (const key of keys) {
    if (key === 'OK') {
      looks[key] = { color: PALETTE[0]!, pattern: 'solid' };
      continue;
    }
    const i = next++;
    // Colours 1..7 first, then the same colours again with another hatching.
    const color = PALETTE[1 + ((i - 1) % (PALETTE.length - 1))]!;
    const pattern = keys.length === 1 ? 'solid' : PATTERNS[i % PATTERNS.length]!;
    looks[key] = { color, pattern };
  }
  return looks;
}

function PatternDef({ id, kind }: { id: string; kind: PatternKind }) {
  const stroke = { stroke: 'rgba(255,255,255,0.85)', strokeWidth: 1.5 };
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse">
      {(kind === 'diagonal' || kind === 'cross') && <path d="M-1,7 L7,-1" {...stroke} />}
      {(kind === 'back-diagonal' || kind === 'cross') && <path d="M-1,-1 L7,7" {...stroke} />}
      {(kind === 'horizontal' || kind === 'grid') && <path d="M0,3 L6,3" {...stroke} />}
      {(kind === 'vertical' || kind === 'grid') && <path d="M3,0 L3,6" {...stroke} />}
      {kind === 'dots' && <circle cx="3" cy="3" r="1.3" fill="rgba(255,255,255,0.9)" />}
    </pattern>
  );
}

/** A swatch for the legend: the series' colour with its hatching. */
function Swatch({ look, patternId }: { look: SeriesLook; patternId: string }) {
  return (
    <svg className="legend__swatch" width="14" height="14" aria-hidden="true" data-color={look.color} data-pattern={look.pattern}>
      <rect width="14" height="14" fill={look.color} />
      {look.pattern !== 'solid' && <rect width="14" height="14" fill={`url(#${patternId})`} />}
    </svg>
  );
}

/** The element's width in CSS pixels, followed as it changes. */
function useWidth<T extends HTMLElement>(fallback: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const measured = Math.floor(element.getBoundingClientRect().width);
      if (measured > 0) setWidth(measured);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * A plain-SVG stacked bar chart over time, with a legend of totals; the same numbers are
 * in a table for screen readers. The drawing is as wide as its card, one SVG unit per CSS
 * pixel, so that its text keeps its size on a phone.
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
  const { ref, width: measured } = useWidth<HTMLDivElement>(640);
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const width = Math.max(measured, 200);
  const height = 200;
  const left = 44;
  const bottom = 26;
  const plotW = width - left - 8;
  const plotH = height - bottom - 8;
  const top = niceMax(series.max);
  const n = Math.max(series.buckets.length, 1);
  const barW = plotW / n;
  // A label per ~56 px at most, so that they never overlap.
  const labelEvery = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / 56))));
  const looks = seriesLooks(series.keys);
  const patternId = (key: string) => `${uid}-p-${series.keys.indexOf(key)}`;

  return (
    <figure className="card chart" data-testid={testId}>
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      <div ref={ref} className="chart__plot">
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={`${title}: ${series.keys.map((k) => `${labelFor(k)} ${series.totals[k]}`).join(', ') || 'none'}`}
        >
          <defs>
            {series.keys.map((key) => (looks[key]!.pattern === 'solid' ? null : <PatternDef key={key} id={patternId(key)} kind={looks[key]!.pattern} />))}
          </defs>
          {(top >= 2 ? [0, 0.5, 1] : [0, 1]).map((f) => (
            <g key={f}>
              <line x1={left} x2={width - 8} y1={8 + plotH * (1 - f)} y2={8 + plotH * (1 - f)} stroke="#d0d7de" />
              <text x={left - 4} y={12 + plotH * (1 - f)} fontSize={AXIS_FONT_PX} textAnchor="end" fill="#57606a" className="chart__axis">
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
                  const look = looks[key]!;
                  const x = left + i * barW + 1;
                  const w = Math.max(barW - 2, 1);
                  return (
                    <g key={key} data-key={key}>
                      <rect x={x} y={y} width={w} height={h} fill={look.color} data-key={key} className="chart__bar">
                        <title>{`${formatBucket(new Date(t).toISOString(), bucketSeconds)} · ${labelFor(key)}: ${v}`}</title>
                      </rect>
                      {look.pattern !== 'solid' && <rect x={x} y={y} width={w} height={h} fill={`url(#${patternId(key)})`} pointerEvents="none" />}
                    </g>
                  );
                })}
                {i % labelEvery === 0 && (
                  <text x={left + i * barW + barW / 2} y={height - 8} fontSize={AXIS_FONT_PX} textAnchor="middle" fill="#57606a" className="chart__axis">
                    {formatBucket(new Date(t).toISOString(), bucketSeconds)}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <ul className="legend" data-testid={`${testId}-legend`}>
        {series.keys.length === 0 && <li>Nothing in this period.</li>}
        {series.keys.map((key) => (
          <li key={key} data-key={key} data-total={series.totals[key]}>
            <Swatch look={looks[key]!} patternId={patternId(key)} />
            {labelFor(key)}: <strong>{formatCount(series.totals[key])}</strong>
          </li>
        ))}
      </ul>
      {/* A wrapper clips the table: a table itself ignores width 1px and widened the page. */}
      <div className="visually-hidden">
        <table>
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
      </div>
    </figure>
  );
}
