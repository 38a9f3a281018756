/** Tenants: the list and a form to add one. */
import { type FormEvent, useState } from 'react';
import { ErrorBox, Loading } from '../../components/Alerts';
import { DataTable } from '../../components/DataTable';
import { TextField } from '../../components/Fields';
import { useSession } from '../../components/session';
import { when } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

export function TenantsTab() {
  const { client } = useSession();
  const state = useAsync(() => client.tenants(), [client]);
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await client.createTenant({ name: name.trim(), ...(displayName.trim() && { displayName: displayName.trim() }) });
      setName('');
      setDisplayName('');
      state.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <form className="panel" onSubmit={create}>
        <h2>Add a tenant</h2>
        <div className="filters" style={{ margin: 0 }}>
          <TextField
            label="Name"
            value={name}
            onChange={setName}
            placeholder="e.g. nlp-lab"
            required
            data-testid="tenant-name"
          />
          <TextField label="Display name" value={displayName} onChange={setDisplayName} placeholder="optional" />
          <button type="submit" className="btn primary" disabled={busy || !name.trim()} data-testid="tenant-create">
            Add tenant
          </button>
        </div>
        <div style={{ marginTop: 8 }}>
          <ErrorBox error={error} />
        </div>
      </form>
      <div className="panel flush">
        <ErrorBox error={state.error} />
        {!state.data ? (
          !state.error && <Loading />
        ) : (
          <DataTable
            testId="tenants-table"
            columns={['Name', 'Display name', 'Queues', { label: 'Active tokens', num: true }, 'Created', '']}
          >
            {state.data.items.map((t) => (
              <tr key={t.name}>
                <td className="mono">{t.name}</td>
                <td>{t.displayName || '—'}</td>
                <td className="small">{t.queues.join(', ') || '—'}</td>
                <td className="num">{t.tokens}</td>
                <td className="nowrap small">{when(t.createdAt)}</td>
                <td className="right">
                  <a href={`#/admin/queues?tenant=${encodeURIComponent(t.name)}`}>queues →</a>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </div>
    </div>
  );
}
