import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../api/client';
import { useSubmit } from './useSubmit';

afterEach(cleanup);

describe('useSubmit', () => {
  it('does not send when the form has mistakes, and shows them by field', async () => {
    const { result } = renderHook(() => useSubmit());
    const action = vi.fn(async () => undefined);
    let sent = true;
    await act(async () => {
      sent = await result.current.run(action, { validate: () => ({ name: 'Required.' }) });
    });
    expect(sent).toBe(false);
    expect(action).not.toHaveBeenCalled();
    expect(result.current.errors).toEqual({ name: 'Required.' });
    expect(result.current.failure).toBeNull();
  });

  it('is busy while the action runs, and clears the previous mistakes', async () => {
    const { result } = renderHook(() => useSubmit());
    await act(async () => {
      await result.current.run(async () => undefined, { validate: () => ({ name: 'Required.' }) });
    });
    let finish!: () => void;
    let running!: Promise<boolean>;
    act(() => {
      running = result.current.run(() => new Promise<void>((resolve) => (finish = resolve)), { validate: () => ({}) });
    });
    expect(result.current.busy).toBe(true);
    expect(result.current.errors).toEqual({});
    await act(async () => {
      finish();
      expect(await running).toBe(true);
    });
    expect(result.current.busy).toBe(false);
  });

  it('puts the server per-field problems on the fields, mapped when asked', async () => {
    const { result } = renderHook(() => useSubmit());
    const problem = new ApiProblem(400, { code: 'VALIDATION_FAILED', errors: [{ field: 'public_key_pem', message: 'is not a key' }] });
    await act(async () => {
      await result.current.run(
        async () => {
          throw problem;
        },
        { fieldErrors: (fields) => ({ public_key: fields.public_key_pem ?? '' }) },
      );
    });
    expect(result.current.errors).toEqual({ public_key: 'is not a key' });
    expect(result.current.failure).toBeNull();
  });

  it('keeps any other failure for the notice, and does not run twice at once', async () => {
    const { result } = renderHook(() => useSubmit());
    const conflict = new ApiProblem(409, { code: 'PROVIDER_EXISTS', detail: 'Provider acme exists.' });
    let fail!: (e: unknown) => void;
    const action = vi.fn(() => new Promise<void>((_, reject) => (fail = reject)));
    let first!: Promise<boolean>;
    let second!: Promise<boolean>;
    act(() => {
      first = result.current.run(action);
      second = result.current.run(action);
    });
    await act(async () => {
      fail(conflict);
      expect(await first).toBe(false);
      expect(await second).toBe(false);
    });
    expect(action).toHaveBeenCalledTimes(1);
    expect(result.current.failure).toBe(conflict);
    expect(result.current.errors).toEqual({});
  });
});
