import { useState } from 'react';

/**
 * A secret the server shows once (a credential token, a join token, an HS256 secret): on
 * screen until the operator says it is stored, then gone from the page's memory.
 */
export function SecretOnce({ label, value, onDismiss }: { label: string; value: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="notice notice--secret" role="status" data-testid="secret-once">
      <p>
        <strong>{label}</strong> — shown only now. Store it where it is needed; it cannot be read again.
      </p>
      <div className="secret">
        <input readOnly value={value} aria-label={label} data-testid="secret-value" onFocus={(e) => e.target.select()} />
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true), () => setCopied(false));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button--primary" onClick={onDismiss} data-testid="secret-dismiss">
          I have stored it
        </button>
      </div>
    </div>
  );
}
