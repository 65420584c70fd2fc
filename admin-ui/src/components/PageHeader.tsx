import { useEffect, type ReactNode } from 'react';

/** The browser tab's name for a page: "Policies · Voucher console". */
export function documentTitle(title: string): string {
  return title ? `${title} · Voucher console` : 'Voucher console';
}

/** Names the browser tab for a page that has no {@link PageHeader} (sign-in, status, not found). */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = documentTitle(title);
  }, [title]);
}

/**
 * A page's heading and its primary actions. It names the browser tab after the page too, so
 * that history, bookmarks and screen readers tell pages apart.
 */
export function PageHeader({ title, subtitle, children }: { title: string; subtitle?: string; children?: ReactNode }) {
  useDocumentTitle(title);
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
