import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * A one-time message handed to the next page in the router's state (`navigate(to, { state:
 * { saved: '…' } })`), never in the URL. The page shows it, then takes it out of the history
 * entry at once, so that a reload or coming Back to the page does not say it again.
 */
export function useFlash<T>(key: string): [T | null, (value: T | null) => void] {
  const location = useLocation();
  const navigate = useNavigate();
  const incoming = (location.state as Record<string, unknown> | null)?.[key] as T | undefined;
  const [value, setValue] = useState<T | null>(incoming ?? null);

  useEffect(() => {
    if (incoming === undefined) return;
    setValue(incoming);
    const { [key]: _read, ...rest } = (location.state ?? {}) as Record<string, unknown>;
    navigate(
      { pathname: location.pathname, search: location.search, hash: location.hash },
      { replace: true, state: Object.keys(rest).length ? rest : null },
    );
    // Only a new message matters; the location it came with is read once above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [incoming, key]);

  return [value, setValue];
}
