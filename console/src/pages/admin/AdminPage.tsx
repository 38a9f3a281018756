/** Administration (admins only): tenants, their queues and quotas, API tokens, and the audit log. */
import { useSession } from '../../components/session';
import { AuditTab } from './AuditTab';
import { QueuesTab } from './QueuesTab';
import { TenantsTab } from './TenantsTab';
import { TokensTab } from './TokensTab';

const TABS = [
  { id: 'tenants', label: 'Tenants' },
  { id: 'queues', label: 'Queues & quotas' },
  { id: 'tokens', label: 'Tokens' },
  { id: 'audit', label: 'Audit log' },
];

export function AdminPage({ tab }: { tab: string }) {
  const { me } = useSession();
  if (me.role !== 'admin') {
    return <div className="alert warn">Administration is for admins; you are signed in as {me.role}.</div>;
  }
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Administration</h1>
          <div className="sub">Tenants, queues and quotas, API tokens, and who did what.</div>
        </div>
      </div>
      <nav className="tabs">
        {TABS.map((t) => (
          <a
            key={t.id}
            href={`#/admin/${t.id}`}
            className={tab === t.id ? 'active' : ''}
            data-testid={`admin-tab-${t.id}`}
          >
            {t.label}
          </a>
        ))}
      </nav>
      {tab === 'queues' ? (
        <QueuesTab />
      ) : tab === 'tokens' ? (
        <TokensTab />
      ) : tab === 'audit' ? (
        <AuditTab />
      ) : (
        <TenantsTab />
      )}
    </>
  );
}
