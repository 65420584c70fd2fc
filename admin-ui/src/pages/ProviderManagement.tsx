// An ADMIN's changes to a provider: its display name, and disabling it (everything it stores
// stays; its backend and devices get nothing new) or enabling it again.
import { useState } from 'react';
import { unwrap, type Schemas } from '../api/client';
import { useApi } from '../api/context';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Field } from '../components/Field';
import { ErrorNotice } from '../components/States';
import { formatCount } from '../lib/format';
import { useSubmit, type FieldErrors } from '../lib/useSubmit';

type Provider = Schemas['Provider'];

/** Checks a display name as the server will. */
export function validateDisplayName(value: string): string | undefined {
  if (!value.trim()) return 'Required.';
  if (value.length > 200) return 'At most 200 characters.';
  return undefined;
}

/** The display name, edited in place. */
export function EditProviderForm({ provider, onCancel, onSaved }: { provider: Provider; onCancel: () => void; onSaved: (p: Provider) => void }) {
  const api = useApi();
  const [displayName, setDisplayName] = useState(provider.display_name ?? '');
  const { busy, errors, failure, run, formRef } = useSubmit();
  return (
    <form
      ref={formRef}
      className="card form"
      noValidate
      aria-label="Edit provider"
      data-testid="edit-provider-form"
      onSubmit={(event) => {
        event.preventDefault();
        void run(
          async () =>
            onSaved(
              await unwrap(
                api.PATCH('/api/v1/admin/providers/{name}', { params: { path: { name: provider.name ?? '' } }, body: { display_name: displayName.trim() } }),
              ),
            ),
          {
            validate: (): FieldErrors => {
              const message = validateDisplayName(displayName);
              return message ? { display_name: message } : {};
            },
          },
        );
      }}
    >
      <Field label="Display name" name="display_name" error={errors.display_name} hint="What people see; the name stays as it is.">
        <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoFocus />
      </Field>
      {failure !== null && <ErrorNotice error={failure} title="Not saved" />}
      <div className="form-actions">
        <button type="submit" className="button--primary" disabled={busy} data-testid="save-provider-edit">
          Save
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Disables or enables a provider after saying what stops, or starts again. */
export function ProviderStateDialog({
  provider,
  activeCredentials,
  onCancel,
  onChanged,
}: {
  provider: Provider;
  /** How many of its credentials work now: they stop working. */
  activeCredentials: number | null;
  onCancel: () => void;
  onChanged: (p: Provider) => void;
}) {
  const api = useApi();
  const name = provider.name ?? '';
  const disabling = !provider.disabled;
  return (
    <ConfirmDialog
      title={disabling ? `Disable ${name}?` : `Enable ${name} again?`}
      confirmLabel={disabling ? 'Disable provider' : 'Enable provider'}
      danger={disabling}
      onCancel={onCancel}
      onConfirm={async () => {
        onChanged(await unwrap(api.PATCH('/api/v1/admin/providers/{name}', { params: { path: { name } }, body: { disabled: disabling } })));
      }}
    >
      {disabling ? (
        <>
          <p>While {name} is disabled:</p>
          <ul data-testid="provider-disable-effects">
            <li>
              its backend&apos;s API credentials
              {activeCredentials !== null ? ` (${formatCount(activeCredentials)} active)` : ''} are refused;
            </li>
            <li>its devices get no new licenses, registrations or out-of-band bundles;</li>
            <li>licenses already on devices keep working until they expire.</li>
          </ul>
          <p>Nothing is deleted: policies, content, keys, entitlements and registrations stay, and enabling it again restores everything.</p>
        </>
      ) : (
        <p>Its credentials work again and its devices get licenses, registrations and bundles as before.</p>
      )}
    </ConfirmDialog>
  );
}
