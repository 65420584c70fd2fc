import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Capability } from '../auth/permissions';
import { useSession } from '../auth/session';
import { PageHeader } from './PageHeader';

/**
 * A page that changes something, shown only to a role that may: a deep link from a role that
 * may not (an AUDITOR opening `/policies/new`) gets a read-only notice instead of a form it
 * could only fill in to be refused.
 */
export function RequireCapability({
  capability,
  title,
  back,
  children,
}: {
  capability: Capability;
  /** The page's title, kept so that the reader knows where the link led. */
  title: string;
  /** Where to read instead: the list the form adds to. */
  back?: { to: string; label: string };
  children: ReactNode;
}) {
  const session = useSession();
  if (session.can(capability)) return <>{children}</>;
  return (
    <>
      <PageHeader title={title}>{back && <Link to={back.to}>{back.label}</Link>}</PageHeader>
      <div className="notice" role="status" data-testid="read-only">
        <p>
          <strong>Read only.</strong> Your role ({session.user?.role ?? 'none'}) may look at this data but not change it.
          Ask an administrator if you need to.
        </p>
      </div>
    </>
  );
}
