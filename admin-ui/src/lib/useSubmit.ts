import { useCallback, useRef, useState } from 'react';
import { ApiProblem } from '../api/client';
import { inWords } from './labels';

export type FieldErrors = Record<string, string>;

export interface SubmitOptions {
  /** The form's own checks: messages by field; a non-empty answer stops the submit. */
  validate?: () => FieldErrors;
  /** Maps the server's per-field problems onto the form's fields (by default, as they come). */
  fieldErrors?: (errors: FieldErrors) => FieldErrors;
}

/**
 * The busy / field errors / failure block of every form. `run` checks the form, sends, and sorts
 * what goes wrong: per-field problems (the form's own or the server's) go to `errors`, anything
 * else to `failure`; the server's messages name fields in words. It answers true when the action went through. Focus follows the outcome:
 * to the first invalid field, or to the failure notice (give it `failureRef`).
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const busyRef = useRef(false);
  const formRef = useRef<HTMLFormElement | null>(null);

  const focusFirstInvalid = () =>
    requestAnimationFrame(() => (formRef.current ?? document).querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const run = useCallback(async (action: () => Promise<unknown>, options: SubmitOptions = {}): Promise<boolean> => {
    if (busyRef.current) return false;
    const found = options.validate?.() ?? {};
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid();
      return false;
    }
    busyRef.current = true;
    setBusy(true);
    setFailure(null);
    try {
      await action();
      return true;
    } catch (e) {
      if (e instanceof ApiProblem && Object.keys(e.fieldErrors).length > 0) {
        const worded = Object.fromEntries(Object.entries(e.fieldErrors).map(([field, message]) => [field, inWords(message)]));
        setErrors(options.fieldErrors ? options.fieldErrors(worded) : worded);
        focusFirstInvalid();
      } else {
        setFailure(e);
      }
      return false;
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  const reset = useCallback(() => {
    setErrors({});
    setFailure(null);
  }, []);

  return { busy, errors, setErrors, failure, run, reset, formRef };
}
