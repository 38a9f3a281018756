/** The audit log: the latest 100 requests that changed or read something guarded, newest first. */
import { ErrorBox, Loading } from '../../components/Alerts';
import { useSession } from '../../components/session';
import { when } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

export function AuditTab() {
  const { client } = useSession();
  const state = useAsync(() => client.audit(100), [client], 10000);
  return (
    <div className="panel flush">
      <ErrorBox error={state.error} />
      {!state.data ? (
        !state.error && <Loading />
      ) : state.data.items.length === 0 ? (
        <div className="empty">Nothing audited yet.</div>
      ) : (
        <div className="table-wrap" style={{ maxHeight: 'calc(100vh - 230px)' }}>
          <table className="data" data-testid="audit-table">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>At</th>
                <th>Who</th>
                <th>Request</th>
                <th>Target</th>
                <th className="num">Status</th>
                <th>IP</th>
              </tr>
            </thead>
            <tbody>
              {state.data.items.map((a) => (
                <tr key={a.seq}>
                  <td className="num faint">{a.seq}</td>
                  <td className="nowrap mono small">{when(a.at)}</td>
                  <td className="small">
                    {a.user ?? '—'}
                    <span className="faint"> @{a.tenant ?? '—'}</span>{' '}
                    {a.role && <span className="badge">{a.role}</span>}
                  </td>
                  <td className="mono small">
                    {a.method} {a.route}
                  </td>
                  <td className="mono small">{a.target ?? ''}</td>
                  <td className="num">
                    <span className={`badge ${a.status >= 400 ? 'bad' : 'ok'}`}>{a.status}</span>
                  </td>
                  <td className="small faint">{a.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
