import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../api/client';
import { ConfirmDialog } from './ConfirmDialog';

afterEach(cleanup);

function renderDialog(props: Partial<React.ComponentProps<typeof ConfirmDialog>> = {}) {
  const onConfirm = props.onConfirm ?? vi.fn();
  const onCancel = props.onCancel ?? vi.fn();
  render(
    <div>
      <button type="button">outside</button>
      <ConfirmDialog title="Delete it?" confirmLabel="Delete" onConfirm={onConfirm} onCancel={onCancel} {...props}>
        {props.children}
      </ConfirmDialog>
    </div>,
  );
  return { onConfirm, onCancel };
}

describe('ConfirmDialog', () => {
  it('is a labelled modal alert dialog that puts focus on Cancel, not on the destructive button', () => {
    renderDialog();
    const dialog = screen.getByRole('alertdialog', { name: 'Delete it?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement?.textContent).toBe('Cancel');
  });

  it('focuses its first input when it asks for one', () => {
    renderDialog({ children: <input aria-label="Reason" /> });
    expect(document.activeElement).toBe(screen.getByLabelText('Reason'));
  });

  it('cancels on Escape and on Cancel, without confirming', () => {
    const { onConfirm, onCancel } = renderDialog();
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    fireEvent.click(screen.getByText('Cancel'));
    expect(onCancel).toHaveBeenCalledTimes(2);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('keeps Tab inside the dialog', () => {
    renderDialog();
    const confirm = screen.getByTestId('confirm-button');
    const cancel = screen.getByText('Cancel');
    confirm.focus();
    fireEvent.keyDown(confirm, { key: 'Tab' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(cancel, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(confirm);
  });

  it('does not confirm while disabled, even on Enter', () => {
    const { onConfirm } = renderDialog({ confirmDisabled: true, children: <input aria-label="Reason" /> });
    expect((screen.getByTestId('confirm-button') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(screen.getByLabelText('Reason').closest('form')!);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('shows a failed action in the dialog and stays open to try again', async () => {
    const onConfirm = vi.fn().mockRejectedValueOnce(new ApiProblem(409, { code: 'CONFLICT', detail: 'The group is full.' })).mockResolvedValueOnce(undefined);
    renderDialog({ onConfirm });
    fireEvent.click(screen.getByTestId('confirm-button'));
    expect((await screen.findByTestId('confirm-error')).textContent).toBe('The group is full.');
    expect((screen.getByTestId('confirm-button') as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByTestId('confirm-button'));
    await waitFor(() => expect(onConfirm).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.queryByTestId('confirm-error')).toBeNull());
  });

  it('says it is working while the action runs', async () => {
    let finish: () => void = () => {};
    const onConfirm = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    renderDialog({ onConfirm });
    fireEvent.click(screen.getByTestId('confirm-button'));
    expect(screen.getByTestId('confirm-button').textContent).toBe('Working…');
    expect((screen.getByText('Cancel') as HTMLButtonElement).disabled).toBe(true);
    finish();
    await waitFor(() => expect(onConfirm).toHaveBeenCalledTimes(1));
  });
});
