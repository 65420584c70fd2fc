import { useState } from 'react';
import { Link } from 'react-router';
import { unwrap } from '../api/client';
import { useApi } from '../api/context';
import { Can } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { Facts } from '../components/Facts';
import { Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { Done, ErrorNotice, Loading } from '../components/States';
import { formatCount, formatInstant } from '../lib/format';
import { decodeRevocationList, pageLocally, type RevocationList } from '../lib/revocationList';
import { useLinkTo } from '../lib/provider';
import { useLoad } from '../lib/useLoad';

/** A device certificate's fingerprint: base64url of its SHA-256, 43 characters. */
export const FINGERPRINT = /^[A-Za-z0-9_-]{43}$/;

export interface Revoked {
  fingerprint: string;
  /** When, by whom and why; absent for a fingerprint older than the latest revocations read. */
  revokedAt?: string;
  revokedBy?: string;
  reason?: string;
}

/**
 * The signed list is in fingerprint order; people look for the latest revocations first. Rows
 * whose time is unknown (older than the details read) come last, by fingerprint.
 */
export function newestFirst(rows: Revoked[]): Revoked[] {
  const time = (row: Revoked) => (row.revokedAt ? Date.parse(row.revokedAt) : Number.NEGATIVE_INFINITY);
  return [...rows].sort((a, b) => time(b) - time(a) || a.fingerprint.localeCompare(b.fingerprint));
}

/** How many of the latest revocations are read for their time, revoker and reason (the API's page limit). */
const DETAILS_LOOKBACK = 200;

export function RevocationsPage() {
  const api = useApi();
  const linkTo = useLinkTo();
  const [reload, setReload] = useState(0);
  const [revoking, setRevoking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { state, data, reload: reloadList } = useLoad(
    async (signal) => {
      // The device API serves the signed list (application/jwt), cacheable for a minute: ask
      // again each time (a revocation made here must show), then read its claims.
      const signed = await unwrap(api.GET('/device/v1/revocation-list', {
          parseAs: 'text',
          cache: 'no-cache',
          headers: { Accept: 'application/jwt, application/problem+json' },
          signal,
        }));
      const list = decodeRevocationList(String(signed));
      const latest = await unwrap(
        api.GET('/api/v1/admin/device-revocations', { params: { query: { page: 0, size: DETAILS_LOOKBACK } }, signal }),
      );
      const details = new Map((latest.items ?? []).map((entry) => [entry.fingerprint, entry]));
      const rows: Revoked[] = newestFirst(
        list.fingerprints.map((fingerprint) => ({
          fingerprint,
          revokedAt: details.get(fingerprint)?.revoked_at,
          revokedBy: details.get(fingerprint)?.revoked_by,
          reason: details.get(fingerprint)?.reason,
        })),
      );
      return { list, rows };
    },
    [reload],
  );

  return (
    <>
      <PageHeader title="Revocation list" subtitle="Device certificates and keys revoked for the whole platform, as devices and players download the signed list">
        <Can capability="revokeDevices">
          <button type="button" className="button--danger" onClick={() => setRevoking(true)} data-testid="revoke-fingerprint">
            Revoke a certificate…
          </button>
        </Can>
      </PageHeader>
      {done && <Done onDismiss={() => setDone(null)}>{done}</Done>}
      {state.kind === 'loading' && !data && <Loading what="Loading the revocation list…" />}
      {state.kind === 'error' && <ErrorNotice error={state.error} onRetry={reloadList} />}
      {data && <ListFacts list={data.list} />}
      {data && (
        <DataTable<Revoked>
          label="Revoked certificates"
          testId="revocations"
          deps={[data]}
          filters={[{ name: 'q', label: 'Fingerprint', placeholder: 'Part of a fingerprint' }]}
          load={async (query) => pageLocally(data.rows, query, (r) => r.fingerprint, {
            fingerprint: (a, b) => a.fingerprint.localeCompare(b.fingerprint),
            revoked_at: (a, b) => (a.revokedAt ?? '').localeCompare(b.revokedAt ?? ''),
          })}
          rowKey={(r) => r.fingerprint}
          empty="No device certificate is revoked."
          columns={[
            { key: 'fingerprint', header: 'Certificate fingerprint', sortable: true, render: (r) => <span className="mono" data-testid="revoked-fingerprint">{r.fingerprint}</span> },
            { key: 'revoked_at', header: 'Revoked', sortable: true, render: (r) => (r.revokedAt ? formatInstant(r.revokedAt) : <span title="Older than the latest revocations read">—</span>) },
            { key: 'revoked_by', header: 'By', render: (r) => r.revokedBy ?? '—' },
            { key: 'reason', header: 'Reason', render: (r) => r.reason ?? '—' },
          ]}
        />
      )}
      {data && (
        <p>
          <Link to={linkTo('/audit', { action: 'POST /api/v1/admin/device-revocations' })}>Revocations in the audit trail</Link>

        </p>
      )}
      {revoking && (
        <RevokeDialog
          onCancel={() => setRevoking(false)}
          onRevoked={(fingerprint) => {
            setRevoking(false);
            setDone(`Certificate ${fingerprint} revoked for the platform: every license request and registration with it, or with its key, is refused.`);
            setReload((n) => n + 1);
          }}
        />
      )}
    </>
  );
}

function ListFacts({ list }: { list: RevocationList }) {
  return (
    <Facts
      testId="revocation-list-facts"
      rows={[
        ['Sequence', <span data-testid="revocation-sequence">{list.sequence}</span>],
        ['Signed at', formatInstant(list.issuedAt)],
        ['Revoked certificates', <span data-testid="revocation-count">{formatCount(list.fingerprints.length)}</span>],
      ]}
    />
  );
}

function RevokeDialog({ onCancel, onRevoked }: { onCancel: () => void; onRevoked: (fingerprint: string) => void }) {
  const api = useApi();
  const [fingerprint, setFingerprint] = useState('');
  const [reason, setReason] = useState('');
  const value = fingerprint.trim();
  const fingerprintError = value && !FINGERPRINT.test(value) ? 'must be 43 base64url characters (SHA-256 of the certificate)' : undefined;
  return (
    <ConfirmDialog
      title="Revoke a device for the whole platform?"
      confirmLabel="Revoke"
      confirmDisabled={!FINGERPRINT.test(value) || !reason.trim() || reason.length > 500}
      onCancel={onCancel}
      onConfirm={async () => {
        await unwrap(api.POST('/api/v1/admin/device-revocations', { body: { fingerprint: value, reason: reason.trim() } }));
        onRevoked(value);
      }}
    >
      <p>
        The certificate goes on the signed revocation list and, when Voucher knows it, its key is revoked with it: every license request,
        registration and group join with it is refused, for every provider, and the Device CA will not certify the key again. This cannot be
        undone. To refuse a device for one provider only, block it from that provider&apos;s registration page.
      </p>
      <Field label="Certificate fingerprint" name="fingerprint" error={fingerprintError} hint="As shown on a registration.">
        <input value={fingerprint} onChange={(e) => setFingerprint(e.target.value)} spellCheck={false} />
      </Field>
      <Field label="Reason" name="revoke-reason" hint="Shown on this list with the time and who revoked it, e.g. “certificate cloned”.">
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Field>
    </ConfirmDialog>
  );
}
