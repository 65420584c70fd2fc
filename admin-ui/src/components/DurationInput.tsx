import { useId, useState, type ReactNode } from 'react';
import { Field } from './Field';

/** The units a duration is typed in, largest first. */
export const DURATION_UNITS = [
  { unit: 'd', label: 'days', seconds: 86400 },
  { unit: 'h', label: 'hours', seconds: 3600 },
  { unit: 'min', label: 'minutes', seconds: 60 },
  { unit: 's', label: 'seconds', seconds: 1 },
] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number]['unit'];

const SIZE: Record<DurationUnit, number> = Object.fromEntries(DURATION_UNITS.map((u) => [u.unit, u.seconds])) as Record<DurationUnit, number>;

/** Seconds as typed (a whole number, or text) → an amount in the largest unit that divides it. */
export function splitSeconds(seconds: string, fallback: DurationUnit = 'h'): { amount: string; unit: DurationUnit } {
  const text = seconds.trim();
  if (!/^-?\d+$/.test(text)) return { amount: text, unit: text === '' ? fallback : 's' };
  const value = Number(text);
  if (value === 0) return { amount: '0', unit: fallback };
  const unit = DURATION_UNITS.find((u) => value % u.seconds === 0)!;
  return { amount: String(value / unit.seconds), unit: unit.unit };
}

/**
 * An amount in a unit → whole seconds as text: "2.5" h → "9000". Text that is not a number is
 * passed on as typed, so that the form's checks can say what is wrong with it.
 */
export function joinSeconds(amount: string, unit: DurationUnit): string {
  const text = amount.trim().replace(',', '.');
  if (text === '') return '';
  if (!/^-?\d+(\.\d+)?$/.test(text)) return amount;
  return String(Math.round(Number(text) * SIZE[unit]));
}

/**
 * A duration typed as an amount and a unit ("2.5" hours); the form keeps whole seconds, as the
 * API takes them. The hint says the duration in words ("2 h 30 min").
 */
export function DurationInput({
  label,
  name,
  seconds,
  onChange,
  onBlur,
  error,
  hint,
  placeholder,
}: {
  label: string;
  name: string;
  /** Whole seconds as text; '' for "not set". */
  seconds: string;
  onChange: (seconds: string) => void;
  onBlur?: () => void;
  error?: string | undefined;
  hint?: ReactNode;
  placeholder?: string;
}) {
  const [state, setState] = useState(() => splitSeconds(seconds));
  const unitId = useId();
  // A value set from outside (a reset, a loaded policy) wins over what was typed.
  const shown = joinSeconds(state.amount, state.unit) === seconds.trim() ? state : splitSeconds(seconds, state.unit);
  const change = (next: { amount: string; unit: DurationUnit }) => {
    setState(next);
    onChange(joinSeconds(next.amount, next.unit));
  };
  return (
    <Field
      label={label}
      name={name}
      error={error}
      hint={hint}
      after={
        <select
          id={unitId}
          aria-label={`${label}: unit`}
          value={shown.unit}
          data-testid={`unit-${name}`}
          onChange={(e) => change({ amount: shown.amount, unit: e.target.value as DurationUnit })}
          onBlur={onBlur}
        >
          {DURATION_UNITS.map((u) => (
            <option key={u.unit} value={u.unit}>
              {u.label}
            </option>
          ))}
        </select>
      }
    >
      <input inputMode="decimal" value={shown.amount} placeholder={placeholder} onBlur={onBlur} onChange={(e) => change({ amount: e.target.value, unit: shown.unit })} />
    </Field>
  );
}
