import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiProblem, type PageOf } from '../api/client';
import type { ListQuery } from '../lib/listParams';
import { DataTable, type DataTableProps } from './DataTable';

afterEach(cleanup);

interface Fruit {
  name: string;
  colour: string;
}

const FRUITS: Fruit[] = Array.from({ length: 45 }, (_, i) => ({ name: `fruit-${String(i).padStart(2, '0')}`, colour: i % 2 ? 'red' : 'green' }));

function pageOf(query: ListQuery): PageOf<Fruit> {
  const rows = FRUITS.filter((f) => !query.filters.colour || f.colour === query.filters.colour);
  return {
    items: rows.slice(query.page * query.size, (query.page + 1) * query.size),
    page: { number: query.page, size: query.size, total_elements: rows.length, total_pages: Math.ceil(rows.length / query.size) },
  };
}

let location = '';
function Where() {
  const l = useLocation();
  location = l.search;
  return null;
}

function renderTable(path: string, props: Partial<DataTableProps<Fruit>> = {}) {
  const load = vi.fn(async (query: ListQuery) => pageOf(query));
  render(
    <MemoryRouter initialEntries={[path]}>
      <DataTable<Fruit>
        label="Fruits"
        testId="fruits"
        load={load}
        rowKey={(f) => f.name}
        empty="No fruit."
        filters={[
          { name: 'q', label: 'Search' },
          { name: 'colour', label: 'Colour', type: 'select', options: [{ value: 'red', label: 'Red' }, { value: 'green', label: 'Green' }] },
        ]}
        columns={[
          { key: 'name', header: 'Name', sortable: true, render: (f) => f.name },
          { key: 'colour', header: 'Colour', render: (f) => f.colour },
        ]}
        {...props}
      />
      <Where />
    </MemoryRouter>,
  );
  return load;
}

describe('DataTable', () => {
  it('reads page, size, sort and filters from the URL (the page counting from 1)', async () => {
    const load = renderTable('/fruits?page=2&size=10&sort=name,desc&colour=red');
    await screen.findByTestId('fruits-table');
    expect(load.mock.calls[0]![0]).toEqual({ page: 1, size: 10, sort: 'name,desc', filters: { colour: 'red' } });
    expect(screen.getByTestId('fruits-page').textContent).toBe('Page 2 of 3 · 22 in all');
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('descending');
  });

  it('writes paging into the URL and goes back to page 1 when the filters change', async () => {
    renderTable('/fruits?size=10');
    await screen.findByTestId('fruits-table');
    fireEvent.click(screen.getByText('Next ›'));
    await waitFor(() => expect(location).toBe('?size=10&page=2'));
    expect(await screen.findByText('fruit-10')).toBeTruthy();
    fireEvent.change(screen.getByTestId('filter-colour'), { target: { value: 'green' } });
    await waitFor(() => expect(location).toBe('?size=10&colour=green'));
    expect(within(await screen.findByTestId('fruits-table')).getAllByTestId('fruits-row')[0]!.textContent).toContain('green');
  });

  it('applies text filters on submit only, and clears them', async () => {
    const load = renderTable('/fruits');
    await screen.findByTestId('fruits-table');
    fireEvent.change(screen.getByTestId('filter-q'), { target: { value: 'kiwi' } });
    expect(location).toBe('');
    fireEvent.click(screen.getByTestId('fruits-search'));
    await waitFor(() => expect(location).toBe('?q=kiwi'));
    await waitFor(() => expect(load).toHaveBeenLastCalledWith({ page: 0, size: 20, sort: '', filters: { q: 'kiwi' } }, expect.anything()));
    fireEvent.click(screen.getByText('Clear'));
    await waitFor(() => expect(location).toBe(''));
  });

  it('sorts by a column: ascending first, then descending', async () => {
    renderTable('/fruits');
    await screen.findByTestId('fruits-table');
    fireEvent.click(screen.getByTestId('sort-name'));
    await waitFor(() => expect(new URLSearchParams(location).get('sort')).toBe('name,asc'));
    fireEvent.click(screen.getByTestId('sort-name'));
    await waitFor(() => expect(new URLSearchParams(location).get('sort')).toBe('name,desc'));
    expect(screen.queryByTestId('sort-colour')).toBeNull();
  });

  it('shows loading, then the empty state', async () => {
    let answer: (page: PageOf<Fruit>) => void = () => {};
    renderTable('/fruits', { load: () => new Promise((resolve) => (answer = resolve)) });
    expect(screen.getByTestId('loading').textContent).toBe('Loading fruits…');
    await act(async () => answer({ items: [], page: { number: 0, size: 20, total_elements: 0, total_pages: 0 } }));
    expect(screen.getByTestId('empty').textContent).toBe('No fruit.');
    expect(screen.queryByTestId('fruits-table')).toBeNull();
    expect(screen.queryByTestId('fruits-page')).toBeNull();
  });

  it('shows an error with a retry that loads again', async () => {
    const load = vi
      .fn()
      .mockRejectedValueOnce(new ApiProblem(500, { code: 'INTERNAL', detail: 'The database is away.' }))
      .mockImplementation(async (query: ListQuery) => pageOf(query));
    renderTable('/fruits', { load });
    expect((await screen.findByTestId('error-detail')).textContent).toBe('The database is away.');
    fireEvent.click(screen.getByText('Retry'));
    expect(await screen.findByTestId('fruits-table')).toBeTruthy();
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('offers a date-and-time filter as a labelled datetime-local input', async () => {
    renderTable('/fruits?from=2026-03-01T14:05', { filters: [{ name: 'from', label: 'From (UTC)', type: 'datetime' }] });
    const input = (await screen.findByLabelText('From (UTC)')) as HTMLInputElement;
    expect(input.type).toBe('datetime-local');
    expect(input.value).toBe('2026-03-01T14:05');
  });
});
