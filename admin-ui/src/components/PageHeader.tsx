import { useEffect, type ReactNode } from 'react';

/** The browser tab's name for a page: "Policies · Voucher console". */
export function documentTitle(title: string): string {
  return title ? `${title} · Voucher console` : 'Voucher console';
}

/**
 * A page's heading and its primary actions. It names the browser tab after the page too, so
 * that history, bookmarks and screen readers tell pages apart.
 */
export function PageHeader({ title, subtitle, children }: { title: string; subtitle?: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = documentTitle(title);
  }, [title]);
  return (
    <header className="page-header">
      <div>
        <h1 data-testid="page-title">{title}</h1>
        {subtitle && <p className="page-header__subtitle">{subtitle}</p>}
      </div>
      {children && <div className="page-header__actions">{children}</div>}
    </header>
  );
}
