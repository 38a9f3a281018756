/** A tenant's queues with weight, quota and limit; pick one to change it, or add a queue. */
import { useState } from 'react';
import { ErrorBox, Loading } from '../../components/Alerts';
import { DataTable } from '../../components/DataTable';
import { SelectField } from '../../components/Fields';
import { useSession } from '../../components/session';
import { resourcesText } from '../../lib/resources';
import { useRoute } from '../../lib/router';
import { useAsync } from '../../lib/useAsync';
import type { QueueConfig } from '../../types';
import { QueueForm } from './QueueForm';

export function QueuesTab() {
  const { client, me } = useSession();
  const route = useRoute();
  const tenants = useAsync(() => client.tenants(), [client]);
  const [tenant, setTenant] = useState(route.query.get('tenant') ?? me.tenant);
  const queues = useAsync(() => client.tenantQueues(tenant), [client, tenant]);
  const [editing, setEditing] = useState<QueueConfig | null | 'new'>(null);

  const names = [...new Set([tenant, ...(tenants.data?.items.map((t) => t.name) ?? [])])].sort();

  return (
    <div className="stack">
      <div className="row">
        <SelectField
          label="Tenant"
          value={tenant}
          options={names}
          onChange={(t) => {
            setTenant(t);
            setEditing(null);
          }}
          data-testid="queues-tenant"
        />
        <span style={{ flex: 1 }} />
        <button type="button" className="btn" onClick={() => setEditing('new')}>
          + New queue
        </button>
      </div>
      <div className="panel flush">
        <ErrorBox error={queues.error} />
        {!queues.data ? (
          !queues.error && <Loading />
        ) : queues.data.items.length === 0 ? (
          <div className="empty">No queues for {tenant}.</div>
        ) : (
          <DataTable testId="queues-table" columns={['Queue', { label: 'Weight', num: true }, 'Quota', 'Limit', '']}>
            {queues.data.items.map((q) => (
              <tr key={q.name}>
                <td className="mono">{q.name}</td>
                <td className="num">{q.weight}</td>
                <td className="small">{resourcesText(q.quota)}</td>
                <td className="small">{resourcesText(q.limit)}</td>
                <td className="right">
                  <button type="button" className="btn small" onClick={() => setEditing(q)}>
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </div>
      {editing && (
        <QueueForm
          key={editing === 'new' ? 'new' : editing.name}
          tenant={tenant}
          queue={editing === 'new' ? null : editing}
          onSaved={queues.reload}
        />
      )}
    </div>
  );
}
