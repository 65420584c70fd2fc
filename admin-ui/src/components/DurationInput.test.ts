import { describe, expect, it } from 'vitest';
import { joinSeconds, splitSeconds } from './DurationInput';
import { seriesLooks } from './StackedBarChart';
import { newestFirst } from '../pages/RevocationsPage';

describe('durations in units', () => {
  it('shows seconds in the largest unit that divides them', () => {
    expect(splitSeconds('9000')).toEqual({ amount: '150', unit: 'min' });
    expect(splitSeconds('172800')).toEqual({ amount: '2', unit: 'd' });
    expect(splitSeconds('7200')).toEqual({ amount: '2', unit: 'h' });
    expect(splitSeconds('0')).toEqual({ amount: '0', unit: 'h' });
    expect(splitSeconds('')).toEqual({ amount: '', unit: 'h' });
  });

  it('turns an amount in a unit into whole seconds, and passes on what is not a number', () => {
    expect(joinSeconds('2.5', 'h')).toBe('9000');
    expect(joinSeconds('2,5', 'h')).toBe('9000');
    expect(joinSeconds('1', 'd')).toBe('86400');
    expect(joinSeconds('-1', 'min')).toBe('-60');
    expect(joinSeconds('', 'h')).toBe('');
    expect(joinSeconds('abc', 'h')).toBe('abc');
  });
});

describe('chart series', () => {
  it('gives every outcome its own colour and hatching, OK solid green', () => {
    const keys = ['OK', 'ACCESS_DENIED', 'POLICY_UNKNOWN', 'SIGNATURE_FAILED', 'CHALLENGE_REPLAYED'];
    const looks = seriesLooks(keys);
    expect(looks.OK).toEqual({ color: '#1a7f37', pattern: 'solid' });
    expect(new Set(keys.map((k) => looks[k]!.color)).size).toBe(keys.length);
    expect(new Set(keys.map((k) => looks[k]!.pattern)).size).toBe(keys.length);
  });
});

describe('revocation list', () => {
  it('puts the newest revocations first, those of unknown time last', () => {
    const rows = newestFirst([
      { fingerprint: 'b' },
      { fingerprint: 'old', revokedAt: '2026-01-01T00:00:00Z' },
      { fingerprint: 'a' },
      { fingerprint: 'new', revokedAt: '2026-06-01T00:00:00Z' },
    ]);
    expect(rows.map((r) => r.fingerprint)).toEqual(['new', 'old', 'a', 'b']);
  });
});
