import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SearchPicker, type PickerOption } from './SearchPicker';

afterEach(cleanup);

const CONTENTS: PickerOption[] = [
  { value: 'movie-1', label: 'movie-1', detail: 'The Movie' },
  { value: 'movie-2', label: 'movie-2', detail: 'The Sequel' },
  { value: 'series-1', label: 'series-1', detail: 'Drama' },
];

function Harness({ search, onChange }: { search: (text: string, signal: AbortSignal) => Promise<PickerOption[]>; onChange?: (v: string, o?: PickerOption) => void }) {
  const [value, setValue] = useState('');
  return (
    <>
      <label htmlFor="content">Content</label>
      <SearchPicker
        id="content"
        value={value}
        search={search}
        debounceMs={0}
        data-testid="content"
        onChange={(v, o) => {
          setValue(v);
          onChange?.(v, o);
        }}
      />
    </>
  );
}

const byText = (text: string, signal: AbortSignal) =>
  signal.aborted ? Promise.reject(new DOMException('aborted', 'AbortError')) : Promise.resolve(CONTENTS.filter((c) => c.value.includes(text)));

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
  });
}

describe('SearchPicker', () => {
  it('is a labelled combobox that lists the first entries when it gets focus', async () => {
    const search = vi.fn(byText);
    render(<Harness search={search} />);
    const box = screen.getByRole('combobox', { name: 'Content' });
    expect(box.getAttribute('aria-expanded')).toBe('false');
    fireEvent.focus(box);
    await settle();
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect(search).toHaveBeenCalledWith('', expect.anything());
    expect(screen.getAllByRole('option').map((o) => o.getAttribute('data-value'))).toEqual(['movie-1', 'movie-2', 'series-1']);
    expect(screen.getByRole('listbox').id).toBe(box.getAttribute('aria-controls'));
  });

  it('searches for what is typed and takes a clicked option', async () => {
    const onChange = vi.fn();
    render(<Harness search={byText} onChange={onChange} />);
    const box = screen.getByRole('combobox');
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: 'series' } });
    await settle();
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['series-1Drama']);
    fireEvent.click(screen.getByRole('option'));
    expect(onChange).toHaveBeenLastCalledWith('series-1', CONTENTS[2]);
    expect((box as HTMLInputElement).value).toBe('series-1');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('moves through the options with the arrow keys and takes one with Enter', async () => {
    const onChange = vi.fn();
    render(<Harness search={byText} onChange={onChange} />);
    const box = screen.getByRole('combobox');
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: 'movie' } });
    await settle();
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    const second = screen.getAllByRole('option')[1]!;
    expect(second.getAttribute('aria-selected')).toBe('true');
    expect(box.getAttribute('aria-activedescendant')).toBe(second.id);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onChange).toHaveBeenLastCalledWith('movie-2', CONTENTS[1]);
  });

  it('keeps a typed value that matches nothing, and says nothing matches', async () => {
    const onChange = vi.fn();
    render(<Harness search={byText} onChange={onChange} />);
    const box = screen.getByRole('combobox');
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: 'trailer-9' } });
    await settle();
    expect(screen.getByTestId('content-none').textContent).toContain('trailer-9');
    expect(onChange.mock.lastCall).toEqual(['trailer-9', undefined]);
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect((box as HTMLInputElement).value).toBe('trailer-9');
  });

  it('says when the search failed', async () => {
    render(<Harness search={() => Promise.reject(new Error('The server is down'))} />);
    fireEvent.focus(screen.getByRole('combobox'));
    await settle();
    expect(screen.getByRole('listbox').textContent).toContain('The server is down');
  });
});
