/** Sign in with an API token: checked with GET /whoami; a refusal is shown in place. */
import { type FormEvent, useState } from 'react';
import { Client, errorText } from '../api';
import type { WhoAmI } from '../types';

export function SignInPage({
  onSignedIn,
  notice,
}: {
  onSignedIn: (client: Client, me: WhoAmI, remember: boolean) => void;
  notice: string | null;
}) {
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = token.trim();
    if (!value) {
      setError('Paste an API token first.');
      return;
    }
    setBusy(true);
    setError(null);
    const client = new Client(value);
    try {
      const me = await client.whoami();
      onSignedIn(client, me, remember);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="signin-wrap">
      <form className="signin stack" onSubmit={submit} data-testid="signin-form">
        <div>
          <div className="brand">
            <span className="brand-mark" /> Junction
          </div>
          <div className="muted">Run AI work on any vendor’s accelerators.</div>
        </div>
        {notice && <div className="alert warn">{notice}</div>}
        <label className="field">
          API token
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            placeholder="jct_…"
            data-testid="token-input"
            // biome-ignore lint/a11y/noAutofocus: the only field on the page
            autoFocus
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          Remember on this computer
        </label>
        {error && (
          <div className="alert error" data-testid="signin-error" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="btn primary" disabled={busy} data-testid="sign-in">
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <div className="faint small">
          The server writes the first admin token to <code>&lt;data&gt;/admin-token</code>. Admins create more tokens
          under Admin → Tokens.
        </div>
      </form>
    </div>
  );
}
