import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  /** The message under the field; the control is marked invalid while there is one. */
  error?: string | undefined;
  hint?: ReactNode;
  /** One input, select or textarea: it gets the id, aria-invalid and aria-describedby. */
  children: ReactElement<Record<string, unknown>>;
  /** Field name used for test hooks: `field-<name>` and `error-<name>`. */
  name?: string;
  /** Shown right after the control, on its line (a unit chooser, say). */
  after?: ReactNode;
}

/** A labelled form control with its hint and its inline error. */
export function Field({ label, error, hint, children, name, after }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy,
        'data-testid': children.props['data-testid'] ?? (name ? `field-${name}` : undefined),
      })
    : children;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {after ? (
        <div className="field__row">
          {control}
          {after}
        </div>
      ) : (
        control
      )}
      {hint && (
        <small id={hintId} className="field__hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={errorId} className="field__error" data-testid={name ? `error-${name}` : undefined}>
          {error}
        </small>
      )}
    </div>
  );
}

/** A labelled checkbox. */
export function Checkbox({
  label,
  checked,
  onChange,
  name,
  hint,
  error,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
  hint?: ReactNode;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <div className={`field field--check${error ? ' field--invalid' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={name ? `field-${name}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <small id={`${id}-hint`} className="field__hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field__error" data-testid={name ? `error-${name}` : undefined}>
          {error}
        </small>
      )}
    </div>
  );
}
