import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../api/client';

interface ConfirmDialogProps {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** Runs the action; a thrown error is shown in the dialog, which stays open. */
  onConfirm: () => Promise<void> | void;
  onCancel: () => void;
  /** Disables the confirm button, e.g. until a required reason is typed. */
  confirmDisabled?: boolean;
  danger?: boolean;
}

/**
 * A modal confirmation for destructive actions. Focus moves into it, Escape cancels, Tab
 * stays inside, and focus returns to where it was when it closes.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, confirmDisabled, danger = true }: ConfirmDialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, textarea, select, button[data-autofocus]');
    (first ?? ref.current)?.focus();
    return () => previous?.focus?.();
  }, []);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key === 'Tab' && ref.current) {
      const focusable = [...ref.current.querySelectorAll<HTMLElement>('input, textarea, select, button:not([disabled])')];
      if (focusable.length === 0) return;
      const first = focusable[0]!;
      const last = focusable[focusable.length - 1]!;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onCancel()}>
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={ref}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid="confirm-dialog"
      >
        <h2 id={titleId}>{title}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!confirmDisabled && !busy) void confirm();
          }}
        >
          {children}
          {error !== null && (
            <p className="field__error" role="alert" data-testid="confirm-error">
              {errorMessage(error)}
            </p>
          )}
          <div className="dialog__actions">
            <button type="button" onClick={onCancel} disabled={busy} data-autofocus>
              Cancel
            </button>
            <button type="submit" className={danger ? 'button--danger' : 'button--primary'} disabled={busy || confirmDisabled} data-testid="confirm-button">
              {busy ? 'Working…' : confirmLabel}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
