import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HEALTH_PATH, PLATFORM_PATH } from './api/status';
import { StatusPage, loadStatus } from './StatusPage';
import { PLATFORM_EMBEDDED, fakeFetch, json } from './testing';

afterEach(cleanup);

const text = (testId: string) => screen.getByTestId(testId).textContent;

describe('StatusPage', () => {
  it('shows a loading state until the API answers', () => {
    render(<StatusPage fetchFn={fakeFetch({ [PLATFORM_PATH]: 'pending', [HEALTH_PATH]: 'pending' })} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Voucher');
    expect(screen.getByRole('status').textContent).toMatch(/Loading platform status/);
    expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('true');
    expect(screen.queryByTestId('platform-name')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows name, version, database and a green UP badge once loaded', async () => {
    const fetchFn = fakeFetch({ [PLATFORM_PATH]: json(200, PLATFORM_EMBEDDED), [HEALTH_PATH]: json(200, { status: 'UP' }) });
    render(<StatusPage fetchFn={fetchFn} />);

    expect((await screen.findByTestId('platform-name')).textContent).toBe('Voucher');
    expect(text('platform-version')).toBe('0.1.0-SNAPSHOT');
    expect(text('database-mode')).toBe('Embedded');
    expect(screen.getByTestId('database-mode').getAttribute('data-mode')).toBe('EMBEDDED');
    expect(text('database-product')).toBe('PostgreSQL');
    expect(text('database-version')).toBe('17.6');
    expect(text('database-summary')).toBe('Embedded PostgreSQL 17.6');
    // A public page: no connection details.
    expect(screen.queryByTestId('database-url')).toBeNull();
    expect(document.body.textContent).not.toContain('jdbc:');
    const badge = screen.getByTestId('health-status');
    expect(badge.textContent).toBe('UP');
    expect(badge.getAttribute('data-tone')).toBe('ok');
    expect(badge.className).toContain('badge--ok');
    expect(screen.queryByTestId('status-loading')).toBeNull();
    expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('false');

    // The facts are a description list: each term labels its value.
    const terms = [...document.querySelectorAll('dl dt')].map((dt) => dt.textContent);
    expect(terms).toEqual(['Name', 'Version', 'Database', 'Health']);
    expect(fetchFn.mock.calls.map(([url]) => url).sort()).toEqual(['/actuator/health', '/api/v1/platform']);
  });

  it('shows an external database and a red DOWN badge from a 503 health answer', async () => {
    const external = { ...PLATFORM_EMBEDDED, database: { ...PLATFORM_EMBEDDED.database, mode: 'EXTERNAL', product_version: '15.18' } };
    render(<StatusPage fetchFn={fakeFetch({ [PLATFORM_PATH]: json(200, external), [HEALTH_PATH]: json(503, { status: 'DOWN' }) })} />);

    const badge = await screen.findByTestId('health-status');
    expect(badge.textContent).toBe('DOWN');
    expect(badge.getAttribute('data-tone')).toBe('bad');
    expect(badge.className).toContain('badge--bad');
    expect(text('database-summary')).toBe('External PostgreSQL 15.18');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows "API unreachable" with the HTTP status when the platform call fails', async () => {
    render(<StatusPage fetchFn={fakeFetch({ [PLATFORM_PATH]: json(502, {}), [HEALTH_PATH]: json(200, { status: 'UP' }) })} />);

    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('h2')?.textContent).toBe('API unreachable');
    expect(text('status-error-detail')).toBe('HTTP 502 from /api/v1/platform.');
    expect(screen.queryByTestId('platform-name')).toBeNull();
    expect(screen.queryByTestId('health-status')).toBeNull();
  });

  it('says so when no response came at all', async () => {
    const offline = new TypeError('Failed to fetch');
    render(<StatusPage fetchFn={fakeFetch({ [PLATFORM_PATH]: offline, [HEALTH_PATH]: offline })} />);
    await screen.findByRole('alert');
    expect(text('status-error-detail')).toBe('No response from /api/v1/platform.');
  });

  it('loads again on Retry', async () => {
    let platformCalls = 0;
    const fetchFn = fakeFetch({
      [PLATFORM_PATH]: () => (++platformCalls === 1 ? json(503, {}) : json(200, PLATFORM_EMBEDDED)),
      [HEALTH_PATH]: json(200, { status: 'UP' }),
    });
    render(<StatusPage fetchFn={fetchFn} />);
    await screen.findByRole('alert');

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    });

    expect((await screen.findByTestId('platform-name')).textContent).toBe('Voucher');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(platformCalls).toBe(2);
  });

  it('still shows the platform, with health UNKNOWN in red, when health gives no status', async () => {
    render(
      <StatusPage
        fetchFn={fakeFetch({ [PLATFORM_PATH]: json(200, PLATFORM_EMBEDDED), [HEALTH_PATH]: new Response('', { status: 401 }) })}
      />,
    );
    const badge = await screen.findByTestId('health-status');
    expect(badge.textContent).toBe('UNKNOWN');
    expect(badge.getAttribute('data-tone')).toBe('bad');
    expect(text('health-note')).toContain('HTTP 401 from /actuator/health');
    expect(text('platform-version')).toBe('0.1.0-SNAPSHOT');
  });
});

describe('loadStatus', () => {
  it('is an error state only when the platform call fails', async () => {
    const state = await loadStatus(fakeFetch({ [PLATFORM_PATH]: json(500, {}), [HEALTH_PATH]: json(200, { status: 'UP' }) }));
    expect(state).toEqual({ kind: 'error', message: 'HTTP 500 from /api/v1/platform.' });
  });

  it('carries the health status next to the platform', async () => {
    const state = await loadStatus(fakeFetch({ [PLATFORM_PATH]: json(200, PLATFORM_EMBEDDED), [HEALTH_PATH]: json(200, { status: 'UP' }) }));
    expect(state).toEqual({ kind: 'loaded', platform: PLATFORM_EMBEDDED, health: 'UP', healthNote: null });
  });
});
