/** Tenants: the list and a form to add one. */
import { type FormEvent, useState } from 'react';
import { ErrorBox, Loading } from '../../components/Alerts';
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
          <label className="field">
            Name
            <input
              type="text"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. nlp-lab"
              required
              data-testid="tenant-name"
            />
          </label>
          <label className="field">
            Display name
            <input
              type="text"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              placeholder="optional"
            />
          </label>
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
          <table className="data" data-testid="tenants-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Display name</th>
                <th>Queues</th>
                <th className="num">Active tokens</th>
                <th>Created</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {state.data.items.map((t) => (
                <tr key={t.name}>
                  <td className="mono">{t.name}</td>
                  <td>{t.displayName ?? '—'}</td>
                  <td className="small">{t.queues?.join(', ') ?? '—'}</td>
                  <td className="num">{t.tokens ?? '—'}</td>
                  <td className="nowrap small">{when(t.createdAt)}</td>
                  <td className="right">
                    <a href={`#/admin/queues?tenant=${encodeURIComponent(t.name)}`}>queues →</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
