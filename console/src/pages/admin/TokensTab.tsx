/** API tokens: who holds which role where, when they were last used; create and revoke. */
import { useState } from 'react';
import { errorText } from '../../api';
import { ErrorBox, Loading } from '../../components/Alerts';
import { DataTable } from '../../components/DataTable';
import { useSession } from '../../components/session';
import { when } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import type { TokenInfo } from '../../types';
import { NewTokenForm } from './NewTokenForm';

export function TokensTab() {
  const { client, me } = useSession();
  const state = useAsync(() => client.tokens(), [client]);
  const [error, setError] = useState<string | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);

  async function revoke(token: TokenInfo) {
    const self = token.id === me.tokenId ? ' This is the token you are signed in with.' : '';
    if (!window.confirm(`Revoke token ${token.id} (${token.user}@${token.tenant})?${self}`)) return;
    setError(null);
    try {
      await client.revokeToken(token.id);
      state.reload();
    } catch (e) {
      setError(errorText(e));
    }
  }

  const items = (state.data?.items ?? []).filter((t) => showRevoked || !t.revokedAt);
  return (
    <div className="stack">
      <NewTokenForm onCreated={state.reload} />
      {error && <div className="alert error">{error}</div>}
      <div className="panel flush">
        <div className="row" style={{ padding: '10px 16px 0' }}>
          <label className="check">
            <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />
            Show revoked
          </label>
        </div>
        <ErrorBox error={state.error} />
        {!state.data ? (
          !state.error && <Loading />
        ) : (
          <DataTable
            testId="tokens-table"
            scroll
            columns={['ID', 'Name', 'Tenant', 'User', 'Role', 'Created', 'Expires', 'Last used', '']}
          >
            {items.map((t) => (
              <tr key={t.id} data-testid={`token-row-${t.id}`}>
                <td className="mono small">
                  {t.id}
                  {t.id === me.tokenId && (
                    <span className="badge accent" style={{ marginLeft: 6 }}>
                      you
                    </span>
                  )}
                </td>
                <td>{t.name ?? '—'}</td>
                <td>{t.tenant}</td>
                <td>{t.user}</td>
                <td>
                  <span className="badge">{t.role}</span>
                </td>
                <td className="small nowrap">{when(t.createdAt)}</td>
                <td className="small nowrap">{t.expiresAt ? when(t.expiresAt) : 'never'}</td>
                <td className="small nowrap">{when(t.lastUsedAt)}</td>
                <td className="right">
                  {t.revokedAt ? (
                    <span className="badge bad">revoked</span>
                  ) : (
                    <button type="button" className="btn small danger" onClick={() => revoke(t)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </div>
    </div>
  );
}
