/** The audit log: the latest 100 requests that changed or read something guarded, newest first. */
import { ErrorBox, Loading } from '../../components/Alerts';
import { DataTable } from '../../components/DataTable';
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
        <DataTable
          testId="audit-table"
          scroll="calc(100vh - 230px)"
          columns={[{ label: '#', num: true }, 'At', 'Who', 'Request', 'Target', { label: 'Status', num: true }, 'IP']}
        >
          {state.data.items.map((a) => (
            <tr key={a.seq}>
              <td className="num faint">{a.seq}</td>
              <td className="nowrap mono small">{when(a.at)}</td>
              <td className="small">
                {a.user ?? '—'}
                <span className="faint"> @{a.tenant ?? '—'}</span> {a.role && <span className="badge">{a.role}</span>}
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
        </DataTable>
      )}
    </div>
  );
}
